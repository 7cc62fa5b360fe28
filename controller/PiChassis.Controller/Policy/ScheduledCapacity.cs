namespace PiChassis.Controller.Policy;

/// <summary>
/// Capacity a scheduler knows it will need (a Slurm reservation, a cron job): <paramref name="Nodes"/>
/// running and <paramref name="MinSpare"/> spares from <paramref name="At"/> until <paramref name="Until"/>.
/// <paramref name="Requester"/> is the requester level that asked (only it may cancel the entry);
/// <paramref name="Source"/> what it said it was, for the journal.
/// </summary>
public sealed record ScheduledCapacity(string Id, string Requester, string Source, int Nodes, int MinSpare, DateTimeOffset At, DateTimeOffset Until)
{
    /// <summary>Whether the entry asks for its nodes at <paramref name="now"/>: from <paramref name="lead"/> before <see cref="At"/> (the boot), until <see cref="Until"/>.</summary>
    public bool ActsAt(DateTimeOffset now, TimeSpan lead) => At - lead <= now && now < Until;
}
