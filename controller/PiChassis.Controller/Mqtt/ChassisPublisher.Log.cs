using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Mqtt;

public sealed partial class ChassisPublisher
{
    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int OnlineEventId = 415;

    [LoggerMessage(EventId = OnlineEventId, Level = LogLevel.Information, Message = "{Base} is online: info, discovery and slot states published")]
    private partial void LogOnline(string @base);

    [LoggerMessage(EventId = 416, Level = LogLevel.Error, Message = "MQTT publishing failed")]
    private partial void LogWorkFailed(Exception exception);
}
