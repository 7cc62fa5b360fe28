using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyChoiceTests
{
    [Fact]
    public void SetTarget_WarmSlotWithFewerCycles_CoolestSlotFirst()
    {
        using var p = new PolicyRig(2);

        // Slot 1: two short runs an hour ago, so more worn but cold by now.
        for (var i = 0; i < 2; i++)
        {
            p.Rig.Execute(1, SlotAction.On);
            Assert.True(p.RunUntil(() => p.Rig.State(1).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));
            p.Rig.Execute(1, SlotAction.Off);
            Assert.True(p.RunUntil(() => p.Rig.State(1).Phase == SlotPhase.Off, TimeSpan.FromMinutes(1)));
        }

        p.Run(TimeSpan.FromHours(1));

        // Slot 2: worked hard until a moment ago, so warm, with one cycle.
        p.Rig.Execute(2, SlotAction.On);
        Assert.True(p.RunUntil(() => p.Rig.State(2).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));
        p.Rig.Chassis.Slot(2).SetLoad(1);
        p.Run(TimeSpan.FromMinutes(20));
        p.Rig.Execute(2, SlotAction.Off);
        Assert.True(p.RunUntil(() => p.Rig.State(2).Phase == SlotPhase.Off, TimeSpan.FromMinutes(1)));
        Assert.Equal([2L, 1L], p.Rig.Engine.States.Select(s => s.RelayCycles));

        var result = p.Policy.SetTarget(1, 0, "test");

        Assert.True(result.Ok);
        Assert.Equal(1, result.Running);
        Assert.NotEqual(SlotPhase.Off, p.Rig.State(1).Phase);
        Assert.Equal(SlotPhase.Off, p.Rig.State(2).Phase);
        Assert.Equal(CapacityPolicy.Source, p.Rig.EventsOf(EventTypes.PhaseChanged, 1)[^1].Source);
    }

    [Fact]
    public void SetTarget_EquallyCoolSlots_LeastWornFirst()
    {
        using var p = new PolicyRig(3);
        p.Rig.Execute(1, SlotAction.On);
        Assert.True(p.RunUntil(() => p.Rig.State(1).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));
        p.Rig.Execute(1, SlotAction.Off);
        p.Run(TimeSpan.FromHours(2));

        p.Policy.SetTarget(2, 0, "test");

        Assert.Equal(SlotPhase.Off, p.Rig.State(1).Phase);
        Assert.Equal(2, p.Running);
    }

    [Fact]
    public void SetTarget_RepeatedBursts_WearRotatesOverEverySlot()
    {
        using var p = new PolicyRig(4, o =>
        {
            o.MinOnTime = TimeSpan.Zero;
            o.IdleTimeout = TimeSpan.FromSeconds(30);
            o.Hysteresis = TimeSpan.Zero;
        });

        for (var burst = 0; burst < 8; burst++)
        {
            p.Policy.SetTarget(1, 0, "test");
            p.Run(TimeSpan.FromMinutes(5));
            p.Policy.SetTarget(0, 0, "test");
            p.Run(TimeSpan.FromMinutes(15));
        }

        Assert.Equal([2L, 2L, 2L, 2L], p.Rig.Engine.States.Select(s => s.RelayCycles));
        Assert.Equal(0, p.Running);
    }

    [Fact]
    public void Evaluate_ManualSlots_NeverSwitchedNorAsked()
    {
        using var p = new PolicyRig(3);
        p.Rig.Execute(1, SlotAction.SetPolicy, policy: SlotPolicy.Manual);
        p.Rig.Execute(2, SlotAction.SetPolicy, policy: SlotPolicy.AlwaysOff);

        p.Policy.SetTarget(3, 0, "test");
        p.Run(TimeSpan.FromMinutes(2));

        Assert.Equal([3], p.SlotsIn(SlotPhase.On));
        Assert.Empty(p.Rig.EventsOf(EventTypes.CommandRejected));
    }
}
