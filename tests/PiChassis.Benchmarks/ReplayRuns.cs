namespace PiChassis.Benchmarks;

/// <summary>
/// The replays of one trace: the baseline, today's reactive policy, the policy that learns the
/// rhythm, the paper's peer at each histogram range and the Slurm peer at each SuspendTime.
/// </summary>
internal sealed record ReplayRuns(ReplayResult AlwaysOn, ReplayResult Policy, ReplayResult Learning, IReadOnlyList<ReplayResult> Histogram, IReadOnlyList<ReplayResult> Slurm)
{
    public IReadOnlyList<ReplayResult> All => [AlwaysOn, Policy, Learning, .. Histogram, .. Slurm];

    /// <summary>Every run from day <paramref name="day"/> (0 is the first) to the end.</summary>
    public ReplayRuns FromDay(int day) => Map(r => r.FromDay(day));

    /// <summary>Every run on day <paramref name="day"/> alone.</summary>
    public ReplayRuns OnDay(int day) => Map(r => r.OnDay(day));

    private ReplayRuns Map(Func<ReplayResult, ReplayResult> part) =>
        new(part(AlwaysOn), part(Policy), part(Learning), [.. Histogram.Select(part)], [.. Slurm.Select(part)]);
}
