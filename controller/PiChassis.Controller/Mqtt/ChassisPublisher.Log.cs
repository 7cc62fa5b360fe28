using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Mqtt;

public sealed partial class ChassisPublisher
{
    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int OnlineEventId = 415;

    /// <summary>Stable id of the stop that left publishing unfinished.</summary>
    public const int DrainCutEventId = 452;

    [LoggerMessage(EventId = OnlineEventId, Level = LogLevel.Information, Message = "{Base} is online: info, discovery and slot states published")]
    private partial void LogOnline(string @base);

    [LoggerMessage(EventId = DrainCutEventId, Level = LogLevel.Warning,
        Message = "Stopping with {Left} publishing item(s) unfinished: the broker did not take them in time (slot states and telemetry are sent afresh at the next connect, events stay in the journal)")]
    private partial void LogDrainCut(int left);

    [LoggerMessage(EventId = 416, Level = LogLevel.Error, Message = "MQTT publishing failed")]
    private partial void LogWorkFailed(Exception exception);
}
