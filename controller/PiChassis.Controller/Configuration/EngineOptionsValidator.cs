using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the power, protection and watchdog settings; every error is reported.</summary>
public sealed class EngineOptionsValidator :
    IValidateOptions<PowerOptions>,
    IValidateOptions<ProtectionOptions>,
    IValidateOptions<WatchdogOptions>
{
    public ValidateOptionsResult Validate(string? name, PowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.PsuBudgetW > 0, $"Power:PsuBudgetW {options.PsuBudgetW} must be positive."),
            Check(options.HeadroomW >= 0 && options.HeadroomW < options.PsuBudgetW, $"Power:HeadroomW {options.HeadroomW} must be at least 0 and below the budget."),
            Check(options.DefaultBootPeakW > 0, $"Power:DefaultBootPeakW {options.DefaultBootPeakW} must be positive."),
            Check(options.HaltThresholdW > 0, $"Power:HaltThresholdW {options.HaltThresholdW} must be positive."),
            Check(options.MinBootTime <= options.MaxBootTime, "Power:MinBootTime must not exceed Power:MaxBootTime."),
            Check(options.HaltTimeout > options.HaltHoldTime, "Power:HaltTimeout must exceed Power:HaltHoldTime."),
            Check(options.StaggerInterval >= TimeSpan.Zero && options.MinOffTime >= TimeSpan.Zero, "Power:StaggerInterval and Power:MinOffTime must not be negative."),
            Check(options.MaxCyclesPerHour >= 1, $"Power:MaxCyclesPerHour {options.MaxCyclesPerHour} must be at least 1."));
    }

    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.OvercurrentA > 0, $"Protection:OvercurrentA {options.OvercurrentA} must be positive."),
            Check(options.CriticalUndervoltageV < options.UndervoltageV, "Protection:CriticalUndervoltageV must be below Protection:UndervoltageV."),
            Check(options.WarnTemperatureC <= options.ShedTemperatureC && options.ShedTemperatureC < options.CriticalTemperatureC,
                "Protection temperatures must rise: WarnTemperatureC ≤ ShedTemperatureC < CriticalTemperatureC."),
            Check(options.TemperatureHysteresisC > 0, "Protection:TemperatureHysteresisC must be positive."),
            Check(options.SensorFailureReads >= 1, "Protection:SensorFailureReads must be at least 1."),
            Check(options.EmptySlotA < options.StuckRelayA, "Protection:EmptySlotA must be below Protection:StuckRelayA."));
    }

    public ValidateOptionsResult Validate(string? name, WatchdogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.HeartbeatTimeout >= TimeSpan.FromSeconds(1), "Watchdog:HeartbeatTimeout must be at least 1 s."),
            Check(options.MaxAttempts >= 1, "Watchdog:MaxAttempts must be at least 1."));
    }
}
