using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public class ThermalModelTests
{
    [Fact]
    public void Advance_OneTimeConstant_Covers63PercentOfTheRise()
    {
        var model = new ThermalModel(ambientC: 20, riseCPerW: 0.5, timeConstantS: 120, fanCoolingGain: 3);

        model.Advance(120, powerW: 40);

        Assert.Equal(20 + (20 * (1 - Math.Exp(-1))), model.ExhaustC, 9);
    }

    [Fact]
    public void Advance_ManySmallSteps_SameAsOneBigStep()
    {
        var big = new ThermalModel(20, 0.5, 120, 3);
        var small = new ThermalModel(20, 0.5, 120, 3);

        big.Advance(600, 30);
        for (var i = 0; i < 6000; i++)
        {
            small.Advance(0.1, 30);
        }

        Assert.Equal(big.ExhaustC, small.ExhaustC, 9);
    }

    [Fact]
    public void FanDutyPercent_Full_DividesTheRiseByOnePlusGain()
    {
        var model = new ThermalModel(20, 0.5, 120, 3);

        model.FanDutyPercent = 100;
        model.Advance(120 * 30, 40);

        Assert.Equal(20 + (0.5 * 40 / 4), model.ExhaustC, 6);
    }

    [Fact]
    public void Advance_NoPower_ExhaustReturnsToAmbient()
    {
        var model = new ThermalModel(20, 0.5, 120, 3);
        model.Advance(1200, 40);

        model.AmbientC = 15;
        model.Advance(120 * 30, 0);

        Assert.Equal(15, model.ExhaustC, 6);
    }

    [Fact]
    public void FanDutyPercent_OutOfRange_Throws()
    {
        var model = new ThermalModel(20, 0.5, 120, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.FanDutyPercent = 101);
    }
}
