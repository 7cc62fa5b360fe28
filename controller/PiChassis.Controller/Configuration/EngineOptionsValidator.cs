using Microsoft.Extensions.Options;
using PiChassis.Controller.Engine;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the power, protection and watchdog settings; every error is reported.</summary>
public sealed class EngineOptionsValidator :
    IValidateOptions<PowerOptions>,
    IValidateOptions<ProtectionOptions>,
    IValidateOptions<WatchdogOptions>
{
    // A 5 V slot at the highest slot current (SlotOptions.MaxCurrentA at most 10 A): no per-node figure can be more.
    private const double MaxSlotW = 50;
    private const double MaxSlotA = 10;

    // Five volts at 200 A; a supply beyond it is a typo, not a Pi chassis.
    private const double MaxBudgetW = 1000;

    // The INA219's bus voltage range.
    private const double MaxBusV = 26;

    // Chassis air: a threshold above this is never reached, so it protects nothing.
    private const double MaxChassisC = 100;

    public ValidateOptionsResult Validate(string? name, PowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? splitError = null;
        return Result(
            Check(options.PsuBudgetW > 0 && options.PsuBudgetW <= MaxBudgetW, $"Power:PsuBudgetW {options.PsuBudgetW} must be positive and at most {MaxBudgetW} W."),
            Check(options.HeadroomW >= 0 && options.HeadroomW < options.PsuBudgetW, $"Power:HeadroomW {options.HeadroomW} must be at least 0 and below the budget."),
            Check(options.DefaultBootPeakW > 0 && options.DefaultBootPeakW <= MaxSlotW,
                $"Power:DefaultBootPeakW {options.DefaultBootPeakW} must be positive and at most {MaxSlotW} W."),
            Check(options.StaggerInterval >= TimeSpan.Zero && options.StaggerInterval <= TimeSpan.FromMinutes(5),
                $"Power:StaggerInterval {options.StaggerInterval} must be 0 to 5 min."),
            Check(options.MinStaggerInterval >= TimeSpan.Zero && options.MinStaggerInterval <= TimeSpan.FromSeconds(10),
                $"Power:MinStaggerInterval {options.MinStaggerInterval} must be 0 to 10 s."),
            Check(options.BootSettleTime >= TimeSpan.Zero && options.BootSettleTime <= TimeSpan.FromMinutes(10),
                $"Power:BootSettleTime {options.BootSettleTime} must be 0 to 10 min."),
            Check(options.BootSettleBandW > 0 && options.BootSettleBandW <= MaxSlotW,
                $"Power:BootSettleBandW {options.BootSettleBandW} must be positive and at most {MaxSlotW} W."),
            Check(options.MinBootTime >= TimeSpan.Zero, $"Power:MinBootTime {options.MinBootTime} must not be negative."),
            Check(options.MaxBootTime >= TimeSpan.FromSeconds(1) && options.MaxBootTime <= TimeSpan.FromMinutes(30),
                $"Power:MaxBootTime {options.MaxBootTime} must be 1 s to 30 min."),
            Check(options.MinBootTime <= options.MaxBootTime, "Power:MinBootTime must not exceed Power:MaxBootTime."),
            Check(options.HaltThresholdW > 0 && options.HaltThresholdW <= MaxSlotW,
                $"Power:HaltThresholdW {options.HaltThresholdW} must be positive and at most {MaxSlotW} W."),
            Check(options.HaltHoldTime >= TimeSpan.Zero && options.HaltHoldTime <= TimeSpan.FromMinutes(5),
                $"Power:HaltHoldTime {options.HaltHoldTime} must be 0 to 5 min."),
            Check(options.HaltTimeout <= TimeSpan.FromHours(1), $"Power:HaltTimeout {options.HaltTimeout} must be at most 1 h."),
            Check(options.HaltTimeout > options.HaltHoldTime, "Power:HaltTimeout must exceed Power:HaltHoldTime."),
            Check(options.MinOffTime >= TimeSpan.Zero && options.MinOffTime <= TimeSpan.FromHours(1),
                $"Power:MinOffTime {options.MinOffTime} must be 0 to 1 h."),

            // The upper end lifts the wear guard (the latency benchmarks switch a slot back and forth).
            Check(options.MaxCyclesPerHour is >= 1 and <= 100_000, $"Power:MaxCyclesPerHour {options.MaxCyclesPerHour} must be 1 to 100000."),

            // Without a placeholder every slot's halt would go to the same host.
            Check(string.IsNullOrWhiteSpace(options.HaltCommand)
                || options.HaltCommand.Contains("{node}", StringComparison.Ordinal) || options.HaltCommand.Contains("{slot}", StringComparison.Ordinal),
                "Power:HaltCommand must name the node to halt with {node} or {slot}."),

            // Split once here, so a template that cannot become an argument vector stops the start.
            Check(string.IsNullOrWhiteSpace(options.HaltCommand) || HaltCommandTemplate.TryParse(options.HaltCommand, out _, out splitError),
                $"Power:HaltCommand cannot be split into words: {splitError}."));
    }

    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.OvercurrentA > 0 && options.OvercurrentA <= MaxSlotA, $"Protection:OvercurrentA {options.OvercurrentA} must be positive and at most {MaxSlotA} A."),

            // A short must be cut well within a second; a longer dwell would in effect turn the protection off.
            Check(options.OvercurrentDwell > TimeSpan.Zero && options.OvercurrentDwell <= TimeSpan.FromSeconds(1),
                $"Protection:OvercurrentDwell {options.OvercurrentDwell} must be above 0 and at most 1 s."),
            Check(options.UndervoltageV > 0 && options.UndervoltageV <= MaxBusV, $"Protection:UndervoltageV {options.UndervoltageV} must be above 0 and at most {MaxBusV} V."),
            Check(options.CriticalUndervoltageV > 0 && options.CriticalUndervoltageV <= MaxBusV,
                $"Protection:CriticalUndervoltageV {options.CriticalUndervoltageV} must be above 0 and at most {MaxBusV} V."),
            Check(options.CriticalUndervoltageV < options.UndervoltageV, "Protection:CriticalUndervoltageV must be below Protection:UndervoltageV."),

            // A sagging bus resets the Pis within a few seconds; the dwell only rides out a boot's inrush.
            Check(options.UndervoltageDwell > TimeSpan.Zero && options.UndervoltageDwell <= TimeSpan.FromSeconds(2),
                $"Protection:UndervoltageDwell {options.UndervoltageDwell} must be above 0 and at most 2 s."),
            Check(options.ShedInterval > TimeSpan.Zero && options.ShedInterval <= TimeSpan.FromMinutes(1),
                $"Protection:ShedInterval {options.ShedInterval} must be above 0 and at most 1 min."),
            Check(options.WarnTemperatureC is >= 0 and <= MaxChassisC, $"Protection:WarnTemperatureC {options.WarnTemperatureC} must be 0 to {MaxChassisC} °C."),
            Check(options.ShedTemperatureC is >= 0 and <= MaxChassisC, $"Protection:ShedTemperatureC {options.ShedTemperatureC} must be 0 to {MaxChassisC} °C."),
            Check(options.CriticalTemperatureC is >= 0 and <= MaxChassisC, $"Protection:CriticalTemperatureC {options.CriticalTemperatureC} must be 0 to {MaxChassisC} °C."),
            Check(options.WarnTemperatureC <= options.ShedTemperatureC && options.ShedTemperatureC < options.CriticalTemperatureC,
                "Protection temperatures must rise: WarnTemperatureC ≤ ShedTemperatureC < CriticalTemperatureC."),
            Check(options.TemperatureHysteresisC is > 0 and <= 20,
                $"Protection:TemperatureHysteresisC {options.TemperatureHysteresisC} must be positive and at most 20 °C."),
            Check(options.TemperatureShedInterval > TimeSpan.Zero && options.TemperatureShedInterval <= TimeSpan.FromMinutes(10),
                $"Protection:TemperatureShedInterval {options.TemperatureShedInterval} must be above 0 and at most 10 min."),
            Check(options.SensorFailureReads is >= 1 and <= 100, $"Protection:SensorFailureReads {options.SensorFailureReads} must be 1 to 100."),
            Check(options.StuckRelayA > 0 && options.StuckRelayA <= MaxSlotA, $"Protection:StuckRelayA {options.StuckRelayA} must be positive and at most {MaxSlotA} A."),
            Check(options.EmptySlotA is >= 0 and <= MaxSlotA, $"Protection:EmptySlotA {options.EmptySlotA} must be 0 to {MaxSlotA} A."),
            Check(options.EmptySlotA < options.StuckRelayA, "Protection:EmptySlotA must be below Protection:StuckRelayA."),
            Check(options.RelayCheckDwell > TimeSpan.Zero && options.RelayCheckDwell <= TimeSpan.FromMinutes(1),
                $"Protection:RelayCheckDwell {options.RelayCheckDwell} must be above 0 and at most 1 min."));
    }

    public ValidateOptionsResult Validate(string? name, WatchdogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.Slots.All(s => s is >= 1 and <= DefaultWiring.MaxSlots) && options.Slots.Distinct().Count() == options.Slots.Count,
                $"Watchdog:Slots {string.Join(", ", options.Slots)} must be distinct slot numbers 1 to {DefaultWiring.MaxSlots}."),
            Check(options.HeartbeatTimeout >= TimeSpan.FromSeconds(1) && options.HeartbeatTimeout <= TimeSpan.FromHours(1),
                $"Watchdog:HeartbeatTimeout {options.HeartbeatTimeout} must be 1 s to 1 h."),
            Check(options.MaxAttempts is >= 1 and <= 20, $"Watchdog:MaxAttempts {options.MaxAttempts} must be 1 to 20."),

            // A window shorter than the timeout never holds two attempts, so the node is never quarantined.
            Check(options.AttemptWindow > options.HeartbeatTimeout && options.AttemptWindow <= TimeSpan.FromDays(1),
                $"Watchdog:AttemptWindow {options.AttemptWindow} must be longer than Watchdog:HeartbeatTimeout and at most 1 day."));
    }
}
