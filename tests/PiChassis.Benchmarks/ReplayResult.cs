namespace PiChassis.Benchmarks;

/// <summary>
/// What one replay of a trace measured. <see cref="MeteredWh"/> is the controller's own meter of the
/// slots (the fan has no sensor); <see cref="Sheds"/> counts protection's <c>load_shed</c> events.
/// </summary>
internal sealed record ReplayResult(
    string Name,
    double BoardsWh,
    double FanWh,
    double MeteredWh,
    double NeededNodeMinutes,
    double UnmetNodeMinutes,
    IReadOnlyList<long> RelayCycles,
    double Days,
    double PeakExhaustC,
    int Sheds,
    TimeSpan Wall)
{
    /// <summary>What the chassis used: the boards and the fan.</summary>
    public double EnergyWh => BoardsWh + FanWh;

    public double UnmetShare => NeededNodeMinutes > 0 ? UnmetNodeMinutes / NeededNodeMinutes : 0;

    public double MeanCyclesPerSlotPerDay => RelayCycles.Count == 0 ? 0 : RelayCycles.Average() / Days;

    public double MaxCyclesPerSlotPerDay => RelayCycles.Count == 0 ? 0 : RelayCycles.Max() / Days;
}
