namespace PiChassis.Controller.Policy;

/// <summary>
/// What the profile lets the policy act on now: <paramref name="Prewarm"/> nodes wanted when a boot
/// started now would be done, <paramref name="Ahead"/> the most wanted within the keep-ahead time,
/// <paramref name="Settled"/> true when every minute of that time is forecast with confidence (so the
/// forecast may also say a wave is over), <paramref name="Aligned"/> when it is settled on forecasts
/// lined up with today (so it may say a dip too). All zero, and not settled, without a confident forecast.
/// </summary>
internal readonly record struct ExpectedDemand(int Prewarm, int Ahead, bool Settled, bool Aligned, DemandForecast? Basis)
{
    public static ExpectedDemand Nothing => default;
}
