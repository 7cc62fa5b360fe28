using PiChassis.Controller.Engine;
using PiChassis.Controller.Metrics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Metrics;

public class EngineReadoutTests
{
    [Fact]
    public void From_RunningChassis_CopiesWhatTheEngineSays()
    {
        using var rig = new SimulatedRig(slots: 4, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(5));

        var readout = EngineReadout.From(rig.Engine);

        Assert.Equal(rig.Engine.States, readout.States);
        Assert.Equal(rig.Engine.HeadroomW, readout.HeadroomW);
        Assert.Equal(rig.Engine.ChassisTemperatureC, readout.ChassisTemperatureC);
        Assert.Equal(rig.Engine.Energy.ChassisLifetimeWh, readout.ChassisLifetimeWh);
        Assert.True(readout.ChassisLifetimeWh > 0);
        Assert.Equal([1, 2, 3, 4], readout.Energy.Select(e => e.Slot));
        Assert.All(readout.States, s => Assert.Equal(SlotPhase.On, s.Phase));
    }
}
