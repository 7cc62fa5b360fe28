using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Turns input that cannot be answered into <c>command_rejected</c> events, through the engine loop
/// like every other event. A flood of garbage is thinned out (the journal is not a waste bin):
/// beyond the rate limit only the log counts what was dropped.
/// </summary>
public sealed partial class Rejections(PowerEngineLoop loop, ChassisEvents events, TimeProvider time, ILogger<Rejections> logger)
{
    public const string Source = "mqtt";

    private const int MaxTopicShown = 256;

    private readonly TokenBucket _events = new(5, 50, time);
    private long _dropped;

    public void Reject(string topic, int? slot, string reason) =>
        Journal(slot, new JsonObject { ["topic"] = topic, ["code"] = ErrorCodes.InvalidRequest, ["message"] = reason }, topic, reason);

    /// <summary>
    /// A request that named a response topic outside <c>pichassis/clients/&lt;client&gt;/</c>: it is
    /// not answered there (nor anywhere), as it could make the controller publish where the requester may not.
    /// </summary>
    public void RefuseReply(string topic, string? id, string responseTopic)
    {
        // A topic may be 64 KiB long: the journal keeps enough of it to see what was tried.
        responseTopic = responseTopic.Length <= MaxTopicShown ? responseTopic : $"{responseTopic[..MaxTopicShown]}…";
        var reason = $"response topic '{responseTopic}' is not under {Topics.Root}/{Topics.ClientsLevel}/<client>/; request not answered";
        Journal(null, new JsonObject
        {
            ["topic"] = topic, ["code"] = ErrorCodes.InvalidRequest, ["message"] = reason, ["id"] = id, ["response_topic"] = responseTopic,
        }, topic, reason);
    }

    private void Journal(int? slot, JsonObject detail, string topic, string reason)
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

        loop.Post(_ => events.Append(EventTypes.CommandRejected, slot, Source, detail));
    }

    [LoggerMessage(EventId = 425, Level = LogLevel.Information, Message = "Rejected a message on {Topic}: {Reason}")]
    private partial void LogRejected(string topic, string reason);

    [LoggerMessage(EventId = 426, Level = LogLevel.Warning, Message = "Flood of bad messages: {Dropped} rejections not journalled so far")]
    private partial void LogFlood(long dropped);
}
