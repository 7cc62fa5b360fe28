using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PiChassis.Shared.Payloads;

/// <summary>An event on <c>event</c> (and <c>slot/&lt;n&gt;/event</c>), and in <c>events</c> responses.</summary>
public sealed record EventPayload(
    long Seq,
    DateTimeOffset Ts,
    string EventType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Slot,
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonObject? Detail);
