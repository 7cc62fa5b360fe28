namespace PiChassis.Shared.Payloads;

/// <summary>
/// One scheduled capacity entry: <see cref="Nodes"/> running and <see cref="MinSpare"/> spares from
/// <see cref="At"/> until <see cref="Until"/>, asked by <see cref="Requester"/> (the only one that may
/// cancel it); <see cref="Active"/> while the energy policy acts on it (from a boot's lead before <see cref="At"/>).
/// </summary>
public sealed record SchedulePayload(string ScheduleId, string Requester, string Source, int Nodes, int MinSpare, DateTimeOffset At, DateTimeOffset Until, bool Active);
