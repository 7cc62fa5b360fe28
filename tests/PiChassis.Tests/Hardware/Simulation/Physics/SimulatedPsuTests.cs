using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public class SimulatedPsuTests
{
    private readonly SimulatedPsu _psu = new(ratedW: 51, nominalV: 5.1, internalResistanceOhm: 0.02, overloadDroopFactor: 20);

    [Fact]
    public void OutputVoltageV_WithinRating_DroopsThroughInternalResistance()
    {
        Assert.Equal(5.1, _psu.OutputVoltageV(0), 12);
        Assert.Equal(5.1 - (5 * 0.02), _psu.OutputVoltageV(5), 12);
    }

    [Fact]
    public void OutputVoltageV_PastRating_DroopSteepens()
    {
        var withinSlope = (_psu.OutputVoltageV(9) - _psu.OutputVoltageV(10)) / 1;
        var pastSlope = (_psu.OutputVoltageV(11) - _psu.OutputVoltageV(12)) / 1;

        Assert.Equal(10, _psu.RatedCurrentA, 12);
        Assert.Equal(0.02, withinSlope, 12);
        Assert.Equal(0.02 * 20, pastSlope, 12);
    }

    [Fact]
    public void SolveBusVoltageV_ConstantPowerAndShort_SatisfiesTheSupplyLine()
    {
        var busV = _psu.SolveBusVoltageV(constantPowerW: 30, constantCurrentA: 2);

        Assert.Equal(_psu.OutputVoltageV(2 + (30 / busV)), busV, 8);
        Assert.True(busV < 5.1);
    }

    [Fact]
    public void SolveBusVoltageV_MorePower_LowerVoltage()
    {
        Assert.True(_psu.SolveBusVoltageV(40, 0) < _psu.SolveBusVoltageV(20, 0));
    }

    [Fact]
    public void SolveBusVoltageV_FarPastTheNose_Collapses()
    {
        Assert.True(_psu.SolveBusVoltageV(constantPowerW: 500, constantCurrentA: 0) < 1.0);
    }
}
