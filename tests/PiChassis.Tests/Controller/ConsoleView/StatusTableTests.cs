using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.ConsoleView;

public class StatusTableTests
{
    [Fact]
    public void Render_PoweringOn_ShowsQueuedBootingThenOn()
    {
        using var rig = new SimulatedRig(slots: 2, power: p => p.StaggerInterval = TimeSpan.FromSeconds(10));
        rig.Execute(1, SlotAction.On);
        rig.Execute(2, SlotAction.On);
        rig.Step();

        var early = StatusTable.Render(rig.Last!, rig.Engine.States);
        rig.RunUntil(() => rig.Engine.States.All(s => s.Phase == SlotPhase.On), TimeSpan.FromMinutes(2));
        var late = StatusTable.Render(rig.Last!, rig.Engine.States);

        Assert.Matches(@"1  node01\s+on\s+booting", early);
        Assert.Matches(@"2  node02\s+off\s+queued", early);
        Assert.Matches(@"1  node01\s+on\s+on\s+5\.\d\d\s+0\.5\d\d\s+2\.\d\d", late);
        Assert.Matches(@"2  node02\s+on\s+on", late);
        Assert.Contains("inlet", late, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FaultAndStaleSensor_AreNamed()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Chassis.Slot(1).InjectShort(4);
        rig.Buses.InjectFault(0x41, PiChassis.Hardware.Simulation.Faults.I2cFaultPlan.Always(PiChassis.Hardware.Simulation.Faults.I2cFaultMode.Nack));
        rig.Run(TimeSpan.FromSeconds(1));

        var text = StatusTable.Render(rig.Last!, rig.Engine.States);

        Assert.Contains("fault (overcurrent)", text, StringComparison.Ordinal);
        Assert.Contains("stale:", text, StringComparison.Ordinal);
    }
}
