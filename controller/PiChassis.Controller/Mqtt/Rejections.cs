using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Turns input that cannot be answered into <c>command_rejected</c> events, through the engine loop
/// like every other event. A flood of garbage is thinned out (the journal is not a waste bin):
/// beyond the rate limit only the log counts what was dropped.
/// </summary>
public sealed partial class Rejections(PowerEngineLoop loop, ChassisEvents events, TimeProvider time, ILogger<Rejections> logger)
{
    public const string Source = "mqtt";

    private readonly TokenBucket _events = new(5, 50, time);
    private long _dropped;

    public void Reject(string topic, int? slot, string reason)
    {
        LogRejected(topic, reason);
        if (!_events.TryTake())
        {
            if (Interlocked.Increment(ref _dropped) % 100 == 1)
            {
                LogFlood(Interlocked.Read(ref _dropped));
            }

            return;
        }

        var detail = new JsonObject { ["topic"] = topic, ["code"] = ErrorCodes.InvalidRequest, ["message"] = reason };
        loop.Post(_ => events.Append(EventTypes.CommandRejected, slot, Source, detail));
    }

    [LoggerMessage(EventId = 425, Level = LogLevel.Information, Message = "Rejected a message on {Topic}: {Reason}")]
    private partial void LogRejected(string topic, string reason);

    [LoggerMessage(EventId = 426, Level = LogLevel.Warning, Message = "Flood of bad messages: {Dropped} rejections not journalled so far")]
    private partial void LogFlood(long dropped);
}
