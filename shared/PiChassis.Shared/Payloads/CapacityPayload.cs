namespace PiChassis.Shared.Payloads;

/// <summary>
/// The capacity target as the controller took it: what was asked, what the chassis can reach, what
/// runs, and the slots protection holds off (shed for heat), which are not counted as achievable.
/// Answers about scheduled capacity add the entry made or cancelled and every scheduled entry.
/// </summary>
public sealed record CapacityPayload(
    int Nodes,
    int MinSpare,
    int Wanted,
    int Achievable,
    int Running,
    IReadOnlyList<int>? Held = null,
    string? ScheduleId = null,
    IReadOnlyList<SchedulePayload>? Schedules = null);
