using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Mqtt;

public sealed partial class ChassisPublisher
{
    [LoggerMessage(EventId = 415, Level = LogLevel.Information, Message = "{Base} is online: info, discovery and slot states published")]
    private partial void LogOnline(string @base);

    [LoggerMessage(EventId = 416, Level = LogLevel.Error, Message = "MQTT publishing failed")]
    private partial void LogWorkFailed(Exception exception);
}
