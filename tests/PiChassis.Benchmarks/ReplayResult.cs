namespace PiChassis.Benchmarks;

/// <summary>
/// What one replay of a trace measured, day by day; its figures are those of the days it holds:
/// the whole run, or with <see cref="FromDay"/> and <see cref="OnDay"/> a part of it.
/// </summary>
internal sealed record ReplayResult(string Name, IReadOnlyList<DayFigures> PerDay, TimeSpan Wall, int FirstDay = 0)
{
    /// <summary>Every minute of the whole run (not only of <see cref="PerDay"/>'s days), for the plot.</summary>
    public IReadOnlyList<MinuteFigures> Minutes { get; init; } = [];

    public double BoardsWh => PerDay.Sum(d => d.BoardsWh);

    public double FanWh => PerDay.Sum(d => d.FanWh);

    /// <summary>The controller's own meter of the slots (the fan has no sensor).</summary>
    public double MeteredWh => PerDay.Sum(d => d.MeteredWh);

    /// <summary>What the chassis used: the boards and the fan.</summary>
    public double EnergyWh => BoardsWh + FanWh;

    public double NeededNodeMinutes => PerDay.Sum(d => d.NeededNodeMinutes);

    public double UnmetNodeMinutes => PerDay.Sum(d => d.UnmetNodeMinutes);

    public double UnmetShare => NeededNodeMinutes > 0 ? UnmetNodeMinutes / NeededNodeMinutes : 0;

    /// <summary>Each slot's power-ons over these days.</summary>
    public IReadOnlyList<long> RelayCycles =>
        PerDay.Count == 0 ? [] : [.. Enumerable.Range(0, PerDay[0].RelayCycles.Count).Select(slot => PerDay.Sum(d => d.RelayCycles[slot]))];

    public int Days => PerDay.Count;

    public double MeanCyclesPerSlotPerDay => Days == 0 || RelayCycles.Count == 0 ? 0 : RelayCycles.Average() / Days;

    /// <summary>The most worn slot's power-ons, per day on average over these days.</summary>
    public double MaxCyclesPerSlotPerDay => Days == 0 || RelayCycles.Count == 0 ? 0 : RelayCycles.Max() / (double)Days;

    public double PeakExhaustC => PerDay.Max(d => d.PeakExhaustC);

    /// <summary>Protection's <c>load_shed</c> events.</summary>
    public int Sheds => PerDay.Sum(d => d.Sheds);

    /// <summary>The days from <paramref name="day"/> (0 is this result's first) to the end.</summary>
    public ReplayResult FromDay(int day) => this with { PerDay = [.. PerDay.Skip(day)], FirstDay = FirstDay + day };

    /// <summary>Day <paramref name="day"/> alone (0 is this result's first).</summary>
    public ReplayResult OnDay(int day) => this with { PerDay = [PerDay[day]], FirstDay = FirstDay + day };
}
