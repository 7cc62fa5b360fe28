using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Engine;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyHoldTests
{
    [Fact]
    public void Evaluate_SlotHeldForHeat_NeitherCountedNorPoweredUntilReleased()
    {
        using var p = new PolicyRig(4, model: ChassisAir.FollowsAmbient);
        p.Policy.SetTarget(4, 0, "slurm");
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 4, TimeSpan.FromMinutes(2)));

        p.Rig.Chassis.AmbientC = 67;
        Assert.True(p.RunUntil(() => p.Rig.EventsOf(EventTypes.LoadShed).Count == 1, TimeSpan.FromMinutes(1)));
        var shed = p.Rig.EventsOf(EventTypes.LoadShed)[0].Slot!.Value;
        var cycles = p.Rig.State(shed).RelayCycles;
        p.Rig.Chassis.AmbientC = 62;
        p.Run(TimeSpan.FromMinutes(10));
        var status = p.Policy.Status();

        Assert.False(p.Rig.Chassis.Slot(shed).RelayInputClosed);
        Assert.Equal(cycles, p.Rig.State(shed).RelayCycles);
        Assert.Empty(p.Rig.EventsOf(EventTypes.CommandRejected));
        Assert.Equal([shed], status.Held);
        Assert.Equal(3, status.Achievable);
        Assert.Equal(3, status.Running);
        Assert.True(status.Capped);
        Assert.EndsWith("1 short, 1 held off by protection", status.Message, StringComparison.Ordinal);

        p.Rig.Chassis.AmbientC = 40;
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 4, TimeSpan.FromMinutes(3)));
        Assert.Empty(p.Policy.Status().Held);
        Assert.Equal(4, p.Policy.Status().Achievable);
    }
}
