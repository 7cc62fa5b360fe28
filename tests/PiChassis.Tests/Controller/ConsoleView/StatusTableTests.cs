using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware.Simulation.Faults;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.ConsoleView;

public class StatusTableTests
{
    private static readonly ChassisSnapshot Snapshot = new(
        1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, 5.1,
        [new SlotSample(1, true, 0.5, 5.1, 2.55, false, 0, null), new SlotSample(2, false, 0, 5.1, 0, false, 0, null)],
        [new ProbeSample("exhaust", 31.5, false, 0, null)]);

    private static readonly SlotState[] States =
    [
        new(1, "node01", true, SlotPhase.Booting, SlotPolicy.Manual, false, null, DateTimeOffset.UnixEpoch, 1, false),
        new(2, "node02", false, SlotPhase.Off, SlotPolicy.Manual, false, null, DateTimeOffset.UnixEpoch, 0, false),
    ];

    [Fact]
    public void Render_PoweringOn_ShowsQueuedBootingThenOn()
    {
        // A 10 s wait however short slot 1's measured inrush, so slot 2 is still queued after a sweep.
        using var rig = new SimulatedRig(slots: 2, power: p => (p.StaggerInterval, p.MinStaggerInterval) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)));
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
        rig.Buses.InjectFault(0x41, I2cFaultPlan.Always(I2cFaultMode.Nack));
        rig.Run(TimeSpan.FromSeconds(1));

        var text = StatusTable.Render(rig.Last!, rig.Engine.States);

        Assert.Contains("fault (overcurrent)", text, StringComparison.Ordinal);
        Assert.Contains("stale:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithPanel_LedColumnFanAndStatusLed()
    {
        var panel = new PanelReadout(new Dictionary<int, LedPattern> { [1] = LedPatterns.FastBlink, [2] = LedPatterns.Off }, LedPatterns.SlowBlink, 40);

        var lines = StatusTable.Render(Snapshot, States, panel).Split(Environment.NewLine);

        Assert.Contains("fan 40 %", lines[0], StringComparison.Ordinal);
        Assert.Contains("status LED ◐ slow blink", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("LED", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("◑ fast blink", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("○", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutPanel_NoLedColumn()
    {
        var text = StatusTable.Render(Snapshot, States);

        Assert.DoesNotContain("LED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fan", text, StringComparison.Ordinal);
    }
}
