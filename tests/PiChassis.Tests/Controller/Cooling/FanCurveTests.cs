using PiChassis.Controller.Configuration;
using PiChassis.Controller.Cooling;

namespace PiChassis.Tests.Controller.Cooling;

public class FanCurveTests
{
    private static FanCurve DefaultCurve(double minDutyPercent = 30) =>
        new(CoolingOptions.DefaultCurve, hysteresisC: 2, minDutyPercent);

    [Theory]
    [InlineData(20, 0)]
    [InlineData(34.9, 0)]
    [InlineData(35, 30)]
    [InlineData(45, 65)]
    [InlineData(55, 100)]
    [InlineData(80, 100)]
    public void DutyAt_DefaultCurve_OffBelowTheFirstPointThenInterpolated(double temperatureC, double duty) =>
        Assert.Equal(duty, DefaultCurve().DutyAt(temperatureC), 6);

    [Fact]
    public void DutyAt_CurveBelowMinimum_RunningFanGetsTheMinimum()
    {
        var curve = new FanCurve([new FanCurvePoint { TemperatureC = 30, DutyPercent = 10 }, new FanCurvePoint { TemperatureC = 50, DutyPercent = 100 }], 2, 40);

        Assert.Equal(40, curve.DutyAt(31), 6);
        Assert.Equal(0, curve.DutyAt(29), 6);
    }

    [Fact]
    public void DutyFor_HoveringAtTheStartThreshold_StartsOnceAndNeverHunts()
    {
        var curve = DefaultCurve();
        var duties = new List<double>();

        for (var i = 0; i < 200; i++)
        {
            duties.Add(curve.DutyFor(i % 2 == 0 ? 34.8 : 35.2));
        }

        Assert.Equal(0, duties[0]);
        Assert.All(duties.Skip(1), d => Assert.Equal(31, d));
    }

    [Fact]
    public void DutyFor_Falling_HoldsUntilTheHysteresisIsCrossedThenStopsBelowIt()
    {
        var curve = DefaultCurve();
        curve.DutyFor(45);

        var at44 = curve.DutyFor(44);
        var at43 = curve.DutyFor(43);
        var at42 = curve.DutyFor(42);
        var at33_5 = curve.DutyFor(33.5);
        var at32_9 = curve.DutyFor(32.9);

        Assert.Equal(65, at44);
        Assert.Equal(65, at43);
        Assert.Equal(62, at42);
        Assert.Equal(32, at33_5);
        Assert.Equal(0, at32_9);
    }

    [Fact]
    public void DutyFor_AfterReset_NextReadingCountsAsItIs()
    {
        var curve = DefaultCurve();
        curve.DutyFor(50);

        curve.Reset();

        Assert.Equal(0, curve.DutyFor(30));
    }
}
