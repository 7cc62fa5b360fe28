using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEngineShutdownTests
{
    [Fact]
    public void Execute_GracefulOff_CutsOnlyAfterHaltPlateau()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));

        var result = rig.Execute(1, SlotAction.Off);
        Assert.True(result.Ok);
        Assert.Equal(SlotPhase.ShuttingDown, rig.State(1).Phase);

        TimeSpan? plateauSince = null;
        var cutWhileRunning = false;
        rig.RunUntil(() =>
        {
            var closed = rig.Chassis.Slot(1).RelayInputClosed;
            var draw = rig.Chassis.Slot(1).PowerW;
            if (closed && draw < rig.Power.HaltThresholdW)
            {
                plateauSince ??= rig.Time.GetUtcNow() - SimulatedRig.Start;
            }

            cutWhileRunning |= !closed && plateauSince is null;
            return !closed;
        }, TimeSpan.FromMinutes(1));

        Assert.False(cutWhileRunning);
        Assert.NotNull(plateauSince);
        Assert.Equal(SlotPhase.Off, rig.State(1).Phase);
        var off = Assert.Single(rig.EventsOf(EventTypes.PowerOff, 1));
        Assert.False(off.Detail!["forced"]!.GetValue<bool>());
        var cutAt = off.At - SimulatedRig.Start;
        Assert.True(cutAt - plateauSince >= rig.Power.HaltHoldTime, $"cut {cutAt - plateauSince} after the plateau began");
    }

    [Fact]
    public void Execute_GracefulOffOfHungNode_ForcedAfterTimeout()
    {
        var agent = new IgnoringNodeAgent();
        using var rig = new SimulatedRig(slots: 1, startPowered: true, agent: agent);
        rig.Run(TimeSpan.FromSeconds(1));

        rig.Execute(1, SlotAction.Off);
        rig.Run(rig.Power.HaltTimeout - TimeSpan.FromSeconds(1));
        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);
        rig.Run(TimeSpan.FromSeconds(2));

        Assert.Equal([1], agent.Requests);
        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
        var off = Assert.Single(rig.EventsOf(EventTypes.PowerOff, 1));
        Assert.True(off.Detail!["forced"]!.GetValue<bool>());
        Assert.Equal("halt_timeout", off.Detail!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_Restart_HaltsThenBootsAgain()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));

        rig.Execute(1, SlotAction.Restart);
        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.Booting, TimeSpan.FromMinutes(1)));
        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));

        Assert.Single(rig.EventsOf(EventTypes.PowerOff, 1));
        Assert.Single(rig.EventsOf(EventTypes.PowerOn, 1));
    }

    [Fact]
    public void Execute_Cycle_WaitsMinimumOffTimeThenPowersOn()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));

        rig.Execute(1, SlotAction.Cycle);
        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Equal(SlotPhase.Queued, rig.State(1).Phase);
        rig.Run(rig.Power.MinOffTime - TimeSpan.FromMilliseconds(200));
        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
        rig.Run(TimeSpan.FromMilliseconds(400));

        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
    }

    [Fact]
    public void Execute_CycleOfAnOpenRelay_NoSecondPowerOffAndTheOffTimeRunsOn()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        rig.Execute(1, SlotAction.ForceOff);
        rig.Run(rig.Power.MinOffTime - TimeSpan.FromSeconds(1));

        Assert.True(rig.Execute(1, SlotAction.Cycle).Ok);
        rig.Run(TimeSpan.FromSeconds(1.5));

        // Off for the minimum off-time since the force_off, not for another one from the cycle.
        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Single(rig.EventsOf(EventTypes.PowerOff, 1));
    }

    [Fact]
    public void Execute_ForceOffOfAnOpenRelay_NoSecondPowerOff()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));

        // Slot 1: off, then off again. Slot 2: cycled (open, queued), then forced off while queued.
        rig.Execute(1, SlotAction.ForceOff);
        rig.Run(TimeSpan.FromSeconds(1));
        Assert.True(rig.Execute(1, SlotAction.ForceOff).Ok);
        rig.Execute(2, SlotAction.Cycle);
        Assert.True(rig.Execute(2, SlotAction.ForceOff).Ok);
        rig.Run(TimeSpan.FromSeconds(1));

        Assert.Equal([SlotPhase.Off, SlotPhase.Off], [rig.State(1).Phase, rig.State(2).Phase]);
        Assert.Single(rig.EventsOf(EventTypes.PowerOff, 1));
        Assert.Single(rig.EventsOf(EventTypes.PowerOff, 2));
    }
}
