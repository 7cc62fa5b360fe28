namespace PiChassis.Controller.Policy;

/// <summary>
/// What the <see cref="DemandProfile"/> expects the scheduler to ask for at <paramref name="At"/>:
/// <paramref name="Nodes"/> (the median of the matching past days), learned from <paramref name="Days"/>
/// such days, with <paramref name="Confidence"/> from 0 (nothing to go by) to 1; <paramref name="Aligned"/>
/// when each of those days was lined up with today's timing and weight (see <see cref="DayAlignment"/>).
/// </summary>
public sealed record DemandForecast(DateTimeOffset At, int Nodes, double Confidence, int Days, bool Aligned = false)
{
    public static DemandForecast None(DateTimeOffset at) => new(at, 0, 0, 0);
}
