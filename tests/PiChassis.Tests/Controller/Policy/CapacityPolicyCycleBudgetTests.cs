using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Policy;

/// <summary>The daily cycle budget: wear is spread before it piles up on one slot in a day.</summary>
public class CapacityPolicyCycleBudgetTests
{
    [Fact]
    public void SetTarget_LeastWornSlotSpentItsDay_TheOtherIsPoweredOn()
    {
        using var p = new PolicyRig(2, o => o.DailyCycleBudget = 2);

        // Slot 1: three cycles more than a day ago, the most worn for life. Slot 2: two today.
        Cycle(p, 1, times: 3);
        p.Run(TimeSpan.FromHours(25));
        Cycle(p, 2, times: 2);
        p.Run(TimeSpan.FromHours(2));
        Assert.Equal([3L, 2L], p.Rig.Engine.States.Select(s => s.RelayCycles));

        p.Policy.SetTarget(1, 0, "test");

        Assert.NotEqual(SlotPhase.Off, p.Rig.State(1).Phase);
        Assert.Equal(SlotPhase.Off, p.Rig.State(2).Phase);
    }

    [Fact]
    public void SetTarget_EverySlotSpentItsDay_CapacityStillServed()
    {
        using var p = new PolicyRig(2, o => o.DailyCycleBudget = 1);
        p.Run(TimeSpan.FromMinutes(1));
        Cycle(p, 1, times: 1);
        Cycle(p, 2, times: 1);

        var result = p.Policy.SetTarget(2, 0, "test");

        Assert.True(result.Ok);
        Assert.Equal(2, p.Running);
    }

    [Fact]
    public void Evaluate_CapacityGoesDown_SlotThatSpentItsDayIsKeptOn()
    {
        using var p = new PolicyRig(2, o =>
        {
            o.DailyCycleBudget = 2;
            o.Hysteresis = TimeSpan.Zero;
        });

        // Slot 2 would be switched off first (the most worn, the highest number) but has no power-on left today.
        p.Run(TimeSpan.FromMinutes(1));
        Cycle(p, 2, times: 1);
        p.Policy.SetTarget(2, 0, "test");
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 2, TimeSpan.FromMinutes(2)));
        Assert.Equal([1L, 2L], p.Rig.Engine.States.Select(s => s.RelayCycles));
        p.Run(TimeSpan.FromMinutes(10));

        p.Policy.SetTarget(1, 0, "test");
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.Off).Any(), TimeSpan.FromMinutes(15)));

        Assert.Equal(SlotPhase.Off, p.Rig.State(1).Phase);
        Assert.Equal(SlotPhase.On, p.Rig.State(2).Phase);
    }

    [Fact]
    public void Restart_SlotSpentItsDayBefore_StillSpentFromTheEnginesKeptPowerOns()
    {
        using var p = new PolicyRig(2, o => o.DailyCycleBudget = 2);

        // Slot 1: the most worn for life, three cycles more than a day ago. Slot 2: two today, then a restart.
        p.Run(TimeSpan.FromMinutes(1));
        Cycle(p, 1, times: 3);
        p.Run(TimeSpan.FromHours(25));
        Cycle(p, 2, times: 2);
        p.RestartController();
        p.Run(TimeSpan.FromHours(2));

        p.Policy.SetTarget(1, 0, "test");

        Assert.NotEqual(SlotPhase.Off, p.Rig.State(1).Phase);
        Assert.Equal(SlotPhase.Off, p.Rig.State(2).Phase);
    }

    private static void Cycle(PolicyRig p, int slot, int times)
    {
        for (var i = 0; i < times; i++)
        {
            p.Rig.Execute(slot, SlotAction.On);
            Assert.True(p.RunUntil(() => p.Rig.State(slot).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));
            p.Rig.Execute(slot, SlotAction.Off);
            Assert.True(p.RunUntil(() => p.Rig.State(slot).Phase == SlotPhase.Off, TimeSpan.FromMinutes(1)));
        }
    }
}
