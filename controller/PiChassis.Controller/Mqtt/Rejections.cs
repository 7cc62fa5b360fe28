using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Turns input that cannot be answered into <c>command_rejected</c> events, through the engine loop
/// like every other event. A flood is digested (the journal is not a waste bin): one event per slot
/// and reason per interval, with a count (<see cref="RejectionDigest"/>); only that one is logged
/// above Debug. The digest is this class's own, flushed by its own timer: the engine loop never
/// waits for the lock the receive path counts under.
/// </summary>
public sealed partial class Rejections : IDisposable
{
    public const string Source = "mqtt";

    private const int MaxTopicShown = 256;

    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);

    private readonly PowerEngineLoop _loop;
    private readonly ChassisEvents _events;
    private readonly ILogger<Rejections> _logger;
    private readonly RejectionDigest _digest;
    private readonly ITimer _flush;

    public Rejections(PowerEngineLoop loop, ChassisEvents events, TimeProvider time, ILogger<Rejections> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _loop = loop;
        _events = events;
        _logger = logger;
        _digest = new RejectionDigest(time);
        // Looked at each second, so an interval's repeats are journalled within a second of its end.
        _flush = time.CreateTimer(_ => JournalRepeated(), null, FlushPeriod, FlushPeriod);
    }

    public void Dispose() => _flush.Dispose();

    public void Reject(string topic, int? slot, string reason, string code = ErrorCodes.InvalidRequest) =>
        Journal(slot, new JsonObject { ["topic"] = topic, ["code"] = code, ["message"] = reason }, topic, reason);

    /// <summary>
    /// A request that named a response topic outside <c>pichassis/clients/&lt;client&gt;/</c>: it is
    /// not answered there (nor anywhere), as it could make the controller publish where the requester may not.
    /// </summary>
    public void RefuseReply(string topic, string? id, string responseTopic)
    {
        // A topic may be 64 KiB long: the journal keeps enough of it to see what was tried.
        responseTopic = responseTopic.Length <= MaxTopicShown ? responseTopic : $"{responseTopic[..MaxTopicShown]}…";
        var reason = $"response topic '{responseTopic}' is not under {Topics.Root}/{Topics.ClientsLevel}/<client>/ (for a request on {Topics.Root}/{Topics.RequestsLevel}/<client>/, that same client's); request not answered";
        Journal(null, new JsonObject
        {
            ["topic"] = topic, ["code"] = ErrorCodes.InvalidRequest, ["message"] = reason, ["id"] = id, ["response_topic"] = responseTopic,
        }, topic, reason);
    }

    private void Journal(int? slot, JsonObject detail, string topic, string reason)
    {
        if (!_digest.Count(slot, Source, detail))
        {
            LogRepeated(topic, reason);
            return;
        }

        LogRejected(topic, reason);
        Append(slot, detail);
    }

    private void JournalRepeated()
    {
        foreach (var (slot, _, detail) in _digest.TakeEnded())
        {
            Append(slot, detail);
        }
    }

    private void Append(int? slot, JsonObject detail) => _loop.Post(_ => _events.Append(EventTypes.CommandRejected, slot, Source, detail));

    [LoggerMessage(EventId = 425, Level = LogLevel.Information, Message = "Rejected a message on {Topic}: {Reason}")]
    private partial void LogRejected(string topic, string reason);

    [LoggerMessage(EventId = 426, Level = LogLevel.Debug, Message = "Rejected a message on {Topic} again: {Reason} (counted in the next command_rejected event)")]
    private partial void LogRepeated(string topic, string reason);
}
