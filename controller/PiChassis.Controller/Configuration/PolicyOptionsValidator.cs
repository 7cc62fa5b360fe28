using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the energy policy's settings; every error is reported.</summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    // A 5 V slot at 10 A: no node's draw, or margin on it, can be more.
    private const double MaxSlotW = 50;

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.Interval >= TimeSpan.FromMilliseconds(100) && options.Interval <= TimeSpan.FromMinutes(1),
                $"Policy:Interval {options.Interval} must be 100 ms to 1 min."),
            Check(InDay(options.IdleTimeout), $"Policy:IdleTimeout {options.IdleTimeout} must be 0 to 1 day."),
            Check(InDay(options.MinOnTime), $"Policy:MinOnTime {options.MinOnTime} must be 0 to 1 day."),
            Check(InDay(options.Hysteresis), $"Policy:Hysteresis {options.Hysteresis} must be 0 to 1 day."),
            Check(InDay(options.SpareDelay), $"Policy:SpareDelay {options.SpareDelay} must be 0 to 1 day."),
            Check(options.DefaultMinSpare is >= 0 and <= DefaultWiring.MaxSlots,
                $"Policy:DefaultMinSpare {options.DefaultMinSpare} must be 0 to {DefaultWiring.MaxSlots}."),
            Check(options.IdleW is > 0 and <= MaxSlotW, $"Policy:IdleW {options.IdleW} must be positive and at most {MaxSlotW} W."),
            Check(options.BusyMarginW is > 0 and <= MaxSlotW, $"Policy:BusyMarginW {options.BusyMarginW} must be positive and at most {MaxSlotW} W."),
            Check(options.HeatTimeConstant > TimeSpan.Zero && options.HeatTimeConstant <= TimeSpan.FromDays(1),
                $"Policy:HeatTimeConstant {options.HeatTimeConstant} must be positive and at most 1 day."),
            Check(options.HeatToleranceW is > 0 and <= MaxSlotW, $"Policy:HeatToleranceW {options.HeatToleranceW} must be positive and at most {MaxSlotW} W."),
            Check(options.DailyCycleBudget is >= 1 and <= 10_000, $"Policy:DailyCycleBudget {options.DailyCycleBudget} must be 1 to 10000."),
            Check(options.PrewarmLead >= TimeSpan.Zero && options.PrewarmLead <= TimeSpan.FromMinutes(30),
                $"Policy:PrewarmLead {options.PrewarmLead} must be 0 to 30 min."),
            Check(options.KeepAhead >= TimeSpan.Zero && options.KeepAhead <= TimeSpan.FromHours(2),
                $"Policy:KeepAhead {options.KeepAhead} must be 0 to 2 h."),
            Check(options.ForecastConfidence is > 0 and <= 1,
                $"Policy:ForecastConfidence {options.ForecastConfidence} must be above 0 and at most 1."),
            Check(options.ProfileWindow is >= 0 and <= 60, $"Policy:ProfileWindow {options.ProfileWindow} must be 0 to 60 minutes."),
            Check(options.ProfileRetention >= TimeSpan.FromDays(1) && options.ProfileRetention <= TimeSpan.FromDays(70),
                $"Policy:ProfileRetention {options.ProfileRetention} must be 1 to 70 days."));
    }

    // Beyond a day a policy window no longer follows demand; it only pins nodes on.
    private static bool InDay(TimeSpan value) => value >= TimeSpan.Zero && value <= TimeSpan.FromDays(1);
}
