using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

/// <summary>
/// An event of docs/mqtt-api.md (<c>power_on</c>, <c>fault_trip</c>, …). <see cref="Seq"/> is assigned by the
/// event stream when the event is appended; it increases by one per event, across restarts.
/// </summary>
public sealed record ChassisEvent(long Seq, DateTimeOffset At, string Type, int? Slot, string Source, JsonObject? Detail);
