using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Faults;

namespace PiChassis.Tests.Controller.Panel;

public partial class PanelServiceTests
{
    [Fact]
    public async Task MasterShort_PowersOnWhatPolicyAllowsThroughAdmission()
    {
        await using var rig = await PanelRig.StartAsync();
        await rig.ExecuteAsync(3, SlotAction.SetPolicy, policy: SlotPolicy.AlwaysOff);
        await rig.ExecuteAsync(4, SlotAction.Lock);

        await rig.PressAsync(rig.MasterPin, Tap);
        var phases = rig.Engine.States.Select(s => s.Phase).ToList();
        await rig.AdvanceAsync(new PowerOptions().StaggerInterval);
        await rig.SampleAsync();

        Assert.Equal([SlotPhase.Booting, SlotPhase.Queued, SlotPhase.Off, SlotPhase.Off], phases);
        Assert.Equal(SlotPhase.Booting, rig.State(2).Phase);
        var press = Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        Assert.Null(press.Slot);
        Assert.Equal("master", (string?)press.Detail!["button"]);
        Assert.Equal("short", (string?)press.Detail["press"]);
        Assert.Equal("all_on", (string?)press.Detail["action"]);
    }

    [Fact]
    public async Task MasterLong_PowersEverySlotOffGracefully()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);

        await rig.PressAsync(rig.MasterPin, TimeSpan.FromSeconds(5.5));

        Assert.All(rig.Engine.States, s => Assert.Equal(SlotPhase.ShuttingDown, s.Phase));
        var press = Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        Assert.Equal("long", (string?)press.Detail!["press"]);
        Assert.Equal("all_off", (string?)press.Detail["action"]);
    }

    [Fact]
    public async Task MasterVeryLong_ClearsTheFaultsThatMayBeCleared()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true, protection: p => (p.OvercurrentA, p.SensorFailureReads) = (0.1, 2));
        rig.Buses.InjectFault(rig.Chassis.Slots[1].SensorAddress!.Value.Value, I2cFaultPlan.Always(I2cFaultMode.Nack));
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(10));
        await rig.SampleAsync();
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(150));
        await rig.SampleAsync();
        var faults = rig.Engine.States.Select(s => s.Fault?.Code).ToList();

        await rig.PressAsync(rig.MasterPin, TimeSpan.FromSeconds(10.5));

        Assert.Equal([FaultCodes.Overcurrent, FaultCodes.SensorFailure, FaultCodes.Overcurrent, FaultCodes.Overcurrent], faults);
        Assert.Equal([null, FaultCodes.SensorFailure, null, null], rig.Engine.States.Select(s => s.Fault?.Code));
        Assert.Equal("clear_faults", (string?)Assert.Single(rig.EventsOf(EventTypes.ButtonPress)).Detail!["action"]);
        Assert.Equal(3, rig.EventsOf(EventTypes.FaultCleared).Count);
    }
}
