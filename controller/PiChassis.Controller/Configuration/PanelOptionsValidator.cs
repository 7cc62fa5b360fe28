using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the panel and cooling settings; every error is reported.</summary>
/// <param name="simulating">True with --simulate: only simulated fans can be driven then.</param>
public sealed class PanelOptionsValidator(bool simulating) :
    IValidateOptions<PanelOptions>,
    IValidateOptions<CoolingOptions>
{
    private const int MaxGpio = 27;
    private const int MaxPwmChip = 31;
    private const int MaxPwmChannel = 15;
    private const double MaxCurveC = 100;
    private static readonly string[] Drivers = ["pwm", "gpio", "simulated"];

    public ValidateOptionsResult Validate(string? name, PanelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.DoublePressWindow >= TimeSpan.FromMilliseconds(100) && options.DoublePressWindow <= TimeSpan.FromSeconds(2),
                $"Panel:DoublePressWindow {options.DoublePressWindow} must be 100 ms to 2 s."),
            Check(options.LongPress >= TimeSpan.FromSeconds(1) && options.LongPress <= TimeSpan.FromSeconds(30),
                $"Panel:LongPress {options.LongPress} must be 1 s to 30 s."),
            Check(options.MasterLongPress >= TimeSpan.FromSeconds(1) && options.MasterLongPress <= TimeSpan.FromSeconds(30),
                $"Panel:MasterLongPress {options.MasterLongPress} must be 1 s to 30 s."),
            Check(options.MasterVeryLongPress > options.MasterLongPress && options.MasterVeryLongPress <= TimeSpan.FromMinutes(1),
                $"Panel:MasterVeryLongPress {options.MasterVeryLongPress} must be longer than Panel:MasterLongPress and at most 1 min."),
            Check(options.LampTest >= TimeSpan.Zero && options.LampTest <= TimeSpan.FromSeconds(10),
                $"Panel:LampTest {options.LampTest} must be 0 to 10 s."));
    }

    public ValidateOptionsResult Validate(string? name, CoolingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string?>
        {
            Check(options.Curve.Count >= 1, "Cooling:Curve needs at least one point."),
            Check(options.HysteresisC > 0 && options.HysteresisC <= 20, $"Cooling:HysteresisC {options.HysteresisC} must be above 0 and at most 20."),
            Check(options.MinDutyPercent is >= 0 and <= 100, $"Cooling:MinDutyPercent {options.MinDutyPercent} must be 0 to 100."),
        };
        for (var i = 0; i < options.Curve.Count; i++)
        {
            var point = options.Curve[i];
            errors.Add(Check(point.DutyPercent is >= 0 and <= 100, $"Cooling:Curve:{i}: DutyPercent {point.DutyPercent} must be 0 to 100."));
            errors.Add(Check(point.TemperatureC is >= 0 and <= MaxCurveC, $"Cooling:Curve:{i}: TemperatureC {point.TemperatureC} must be 0 to {MaxCurveC} °C."));
            if (i > 0)
            {
                var before = options.Curve[i - 1];
                errors.Add(Check(point.TemperatureC > before.TemperatureC && point.DutyPercent >= before.DutyPercent,
                    $"Cooling:Curve:{i}: temperatures must rise and duties must not fall from one point to the next."));
            }
        }

        for (var i = 0; i < options.Fans.Count; i++)
        {
            errors.AddRange(CheckFan(options.Fans[i], $"Cooling:Fans:{i}"));
        }

        return Result([.. errors]);
    }

    private IEnumerable<string?> CheckFan(FanOptions fan, string where)
    {
        var driver = fan.Driver.ToLowerInvariant();
        yield return Check(Drivers.Contains(driver), $"{where}: Driver '{fan.Driver}' must be one of {string.Join(", ", Drivers)}.");
        yield return Check(simulating == (driver == "simulated") || !Drivers.Contains(driver),
            simulating ? $"{where}: the simulated chassis drives only 'simulated' fans." : $"{where}: a 'simulated' fan needs --simulate.");

        // Checked whichever the driver, so that switching the driver later cannot bring up a stale mistake.
        yield return Check(fan.PwmChip is >= 0 and <= MaxPwmChip, $"{where}: PwmChip {fan.PwmChip} must be 0 to {MaxPwmChip}.");
        yield return Check(fan.PwmChannel is >= 0 and <= MaxPwmChannel, $"{where}: PwmChannel {fan.PwmChannel} must be 0 to {MaxPwmChannel}.");
        yield return Check(fan.FrequencyHz is >= 10 and <= 1_000_000, $"{where}: FrequencyHz {fan.FrequencyHz} must be 10 Hz to 1 MHz.");
        yield return Check(fan.Pin is null ? driver != "gpio" : fan.Pin is >= 0 and <= MaxGpio,
            $"{where}: Pin must be a BCM GPIO number 0 to {MaxGpio}.");
    }
}
