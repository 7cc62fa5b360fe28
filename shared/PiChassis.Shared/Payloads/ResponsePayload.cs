namespace PiChassis.Shared.Payloads;

/// <summary>
/// The answer to a request. <see cref="Status"/> is <c>ok</c>, <c>partial</c> or <c>error</c> (then
/// <see cref="Error"/> says why). Verbs that return data add <see cref="ChassisEnergyWh"/>, or
/// <see cref="Events"/> and <see cref="LastSeq"/>.
/// </summary>
public sealed record ResponsePayload(
    string Id,
    DateTimeOffset Ts,
    string Status,
    IReadOnlyList<TargetResult>? Results = null,
    ErrorPayload? Error = null,
    double? ChassisEnergyWh = null,
    IReadOnlyList<EventPayload>? Events = null,
    long? LastSeq = null,
    CapacityPayload? Capacity = null,
    ProfilePayload? Profile = null);
