namespace PiChassis.Shared.Payloads;

/// <summary>
/// The capacity target as the controller took it: what was asked, what the chassis can reach, what
/// runs, and the slots protection holds off (shed for heat), which are not counted as achievable.
/// </summary>
public sealed record CapacityPayload(int Nodes, int MinSpare, int Wanted, int Achievable, int Running, IReadOnlyList<int>? Held = null);
