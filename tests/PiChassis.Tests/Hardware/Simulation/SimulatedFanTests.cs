using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation;

public class SimulatedFanTests
{
    [Fact]
    public void SetDuty_DrivesTheThermalModelAndCountsOnlyChanges()
    {
        var chassis = new SimulatedChassis(new FakeTimeProvider(), new ChassisModelOptions());
        var fan = new SimulatedFan(chassis);

        fan.SetDuty(60);
        fan.SetDuty(60);

        Assert.Equal(60, chassis.FanDutyPercent);
        Assert.Equal(60, fan.DutyPercent);
        Assert.Equal(1, fan.Writes);
        Assert.Throws<ArgumentOutOfRangeException>(() => fan.SetDuty(120));
    }
}
