using PiChassis.Controller.Configuration;

namespace PiChassis.Tests.Controller.Policy;

public class PolicyOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new PolicyOptionsValidator().Validate(null, new PolicyOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EveryBadValue_AllReportedAtOnce()
    {
        var options = new PolicyOptions
        {
            Interval = TimeSpan.FromMinutes(5),
            IdleTimeout = TimeSpan.FromSeconds(-1),
            MinOnTime = TimeSpan.FromSeconds(-1),
            Hysteresis = TimeSpan.FromSeconds(-1),
            SpareDelay = TimeSpan.FromSeconds(-1),
            DefaultMinSpare = -1,
            IdleW = 0,
            BusyMarginW = 0,
            HeatTimeConstant = TimeSpan.Zero,
            HeatToleranceW = 0,
        };

        var result = new PolicyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(10, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Policy:IdleW", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Policy:SpareDelay", StringComparison.Ordinal));
    }
}
