using PiChassis.Controller.Configuration;

namespace PiChassis.Tests.Controller.Configuration;

public class PanelOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        var cooling = new CoolingOptions();
        cooling.Curve.AddRange(CoolingOptions.DefaultCurve);
        var validator = new PanelOptionsValidator(simulating: false);

        Assert.True(validator.Validate(null, new PanelOptions()).Succeeded);
        Assert.True(validator.Validate(null, cooling).Succeeded);
    }

    [Fact]
    public void Validate_PanelMistakes_ListsEveryOne()
    {
        var options = new PanelOptions
        {
            LongPress = TimeSpan.FromMilliseconds(500),
            DoublePressWindow = TimeSpan.FromSeconds(5),
            MasterLongPress = TimeSpan.FromMilliseconds(500),
            MasterVeryLongPress = TimeSpan.FromMinutes(2),
            LampTest = TimeSpan.FromSeconds(-1),
        };

        var result = new PanelOptionsValidator(simulating: false).Validate(null, options);

        Assert.Equal(5, result.Failures!.Count());
    }

    [Fact]
    public void Validate_CoolingMistakes_ListsEveryOne()
    {
        var options = new CoolingOptions { HysteresisC = 0, MinDutyPercent = 120 };
        options.Curve.Add(new FanCurvePoint { TemperatureC = 40, DutyPercent = 50 });
        options.Curve.Add(new FanCurvePoint { TemperatureC = 35, DutyPercent = 40 });
        options.Fans.Add(new FanOptions { Driver = "gpio" });
        options.Fans.Add(new FanOptions { Driver = "simulated" });
        options.Fans.Add(new FanOptions { Driver = "relay" });

        var failures = new PanelOptionsValidator(simulating: false).Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("HysteresisC", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MinDutyPercent", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Curve:1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fans:0: Pin", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fans:1: a 'simulated' fan needs --simulate", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fans:2: Driver 'relay'", StringComparison.Ordinal));
        Assert.Equal(6, failures.Count);
    }

    [Fact]
    public void Validate_PwmFanWhileSimulating_Refused()
    {
        var options = new CoolingOptions();
        options.Curve.AddRange(CoolingOptions.DefaultCurve);
        options.Fans.Add(new FanOptions { Driver = "pwm" });

        var result = new PanelOptionsValidator(simulating: true).Validate(null, options);

        Assert.Contains("only 'simulated' fans", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
