using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyRestartTests
{
    [Fact]
    public void RestartController_NodesRunOnAndTheNewPolicySwitchesThemOffWhenDemandGoes()
    {
        // Before the sampler took the bus voltage of a slot's first full read as the rail's, the
        // nodes found running read 0 W for a sweep; the policy learnt 0 W as their idle draw, took
        // them for busy for ever and never switched them off.
        using var p = new PolicyRig(8);
        p.Demand = 4;
        p.Policy.SetTarget(4, 0, "test");
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 4, TimeSpan.FromMinutes(3)));
        p.Run(TimeSpan.FromMinutes(10));

        p.RestartController();
        p.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(4, p.SlotsIn(SlotPhase.On).Count());
        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOff));
        p.Demand = 0;
        p.Policy.SetTarget(0, 0, "test");

        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.Off).Count() == 8, TimeSpan.FromMinutes(20)));
    }
}
