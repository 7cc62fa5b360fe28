using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the energy policy's settings; every error is reported.</summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.Interval >= TimeSpan.FromMilliseconds(100) && options.Interval <= TimeSpan.FromMinutes(1),
                $"Policy:Interval {options.Interval} must be 100 ms to 1 min."),
            Check(options.IdleTimeout >= TimeSpan.Zero, $"Policy:IdleTimeout {options.IdleTimeout} must not be negative."),
            Check(options.MinOnTime >= TimeSpan.Zero, $"Policy:MinOnTime {options.MinOnTime} must not be negative."),
            Check(options.Hysteresis >= TimeSpan.Zero, $"Policy:Hysteresis {options.Hysteresis} must not be negative."),
            Check(options.SpareDelay >= TimeSpan.Zero, $"Policy:SpareDelay {options.SpareDelay} must not be negative."),
            Check(options.DefaultMinSpare >= 0, $"Policy:DefaultMinSpare {options.DefaultMinSpare} must not be negative."),
            Check(options.IdleW > 0, $"Policy:IdleW {options.IdleW} must be positive."),
            Check(options.BusyMarginW > 0, $"Policy:BusyMarginW {options.BusyMarginW} must be positive."),
            Check(options.HeatTimeConstant > TimeSpan.Zero, $"Policy:HeatTimeConstant {options.HeatTimeConstant} must be positive."),
            Check(options.HeatToleranceW > 0, $"Policy:HeatToleranceW {options.HeatToleranceW} must be positive."));
    }
}
