using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Turns input that cannot be answered into <c>command_rejected</c> events, through the engine loop
/// like every other event. A flood is digested (the journal is not a waste bin): one event per slot
/// and reason per interval, with a count (<see cref="RejectionDigest"/>); only that one is logged
/// above Debug.
/// </summary>
public sealed partial class Rejections(PowerEngineLoop loop, ChassisEvents events, ILogger<Rejections> logger)
{
    public const string Source = "mqtt";

    public void Reject(string topic, int? slot, string reason, string code = ErrorCodes.InvalidRequest)
    {
        var detail = new JsonObject { ["topic"] = topic, ["code"] = code, ["message"] = reason };
        if (!loop.Engine.Rejections.Count(slot, Source, detail))
        {
            LogRepeated(topic, reason);
            return;
        }

        LogRejected(topic, reason);
        loop.Post(_ => events.Append(EventTypes.CommandRejected, slot, Source, detail));
    }

    [LoggerMessage(EventId = 425, Level = LogLevel.Information, Message = "Rejected a message on {Topic}: {Reason}")]
    private partial void LogRejected(string topic, string reason);

    [LoggerMessage(EventId = 426, Level = LogLevel.Debug, Message = "Rejected a message on {Topic} again: {Reason} (counted in the next command_rejected event)")]
    private partial void LogRepeated(string topic, string reason);
}
