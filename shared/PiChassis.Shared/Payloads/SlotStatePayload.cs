using System.Text.Json.Serialization;

namespace PiChassis.Shared.Payloads;

/// <summary>
/// <c>slot/&lt;n&gt;/state</c> (retained, on every change). <see cref="Fault"/> is written as null when clear;
/// <see cref="PendingNode"/> only while a name plug &amp; play learnt waits for an operator's confirm or reject.
/// </summary>
public sealed record SlotStatePayload(
    DateTimeOffset Ts,
    int Slot,
    string Node,
    string Power,
    string Phase,
    string Policy,
    bool Locked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FaultPayload? Fault,
    DateTimeOffset Since,
    long RelayCycles,
    string? PendingNode = null);
