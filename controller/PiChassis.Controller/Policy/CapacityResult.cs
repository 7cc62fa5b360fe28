namespace PiChassis.Controller.Policy;

/// <summary>
/// The policy's answer to a capacity request or a status query. <see cref="Wanted"/> is what the
/// target asks for now (the nodes, or the busy nodes plus the spares if that is more);
/// <see cref="Achievable"/> is the most nodes this chassis can run (auto slots without a fault,
/// lock or protection's hold, plus what runs under other policies); <see cref="Running"/> counts the slots on or on
/// their way up. A target above what is achievable is accepted and reported, never an error.
/// </summary>
public sealed record CapacityResult(
    bool Ok,
    int Nodes,
    int MinSpare,
    int Wanted,
    int Achievable,
    int Running,
    string? ErrorCode = null,
    string? Message = null)
{
    /// <summary>Slots held off by protection (shed for heat): not achievable until protection releases them.</summary>
    public IReadOnlyList<int> Held { get; init; } = [];

    /// <summary>The scheduled entry made or cancelled by the request answered; null otherwise.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>Every scheduled entry and whether it acts now, for answers about schedules; null for a live target's answer.</summary>
    public IReadOnlyList<(ScheduledCapacity Entry, bool Acting)>? Schedules { get; init; }

    /// <summary>The nodes the policy will bring up: what is wanted, as far as it is achievable.</summary>
    public int Reachable => Math.Min(Wanted, Achievable);

    /// <summary>True when the target asks for more nodes than the chassis can run.</summary>
    public bool Capped => Wanted > Achievable;
}
