using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

/// <summary>A slot in an autoscaler node group is the autoscaler's alone: the energy policy cannot be given it.</summary>
public sealed class PowerEngineAutoscaledTests
{
    [Theory]
    [InlineData(CommandOrigin.Remote)]
    [InlineData(CommandOrigin.Button)]
    [InlineData(CommandOrigin.Controller)]
    public void SetPolicyAuto_AutoscaledSlot_RefusedAutoscaledFromEveryOrigin(CommandOrigin origin)
    {
        using var rig = new SimulatedRig(slots: 2, autoscaled: [1]);

        var result = rig.Execute(1, SlotAction.SetPolicy, origin, policy: SlotPolicy.Auto);

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.Autoscaled, result.ErrorCode);
        Assert.Contains("autoscaler", result.Message, StringComparison.Ordinal);
        Assert.Equal(SlotPolicy.Manual, rig.State(1).Policy);
        Assert.Empty(rig.EventsOf(EventTypes.PolicyChanged, 1));
    }

    [Fact]
    public void SetPolicy_OtherPoliciesOrOtherSlots_Accepted()
    {
        using var rig = new SimulatedRig(slots: 2, autoscaled: [1]);

        Assert.True(rig.Execute(1, SlotAction.SetPolicy, policy: SlotPolicy.AlwaysOff).Ok);
        Assert.True(rig.Execute(2, SlotAction.SetPolicy, policy: SlotPolicy.Auto).Ok);
        Assert.Equal(SlotPolicy.Auto, rig.State(2).Policy);
    }

    [Fact]
    public void Restore_StoredAutoOnAutoscaledSlot_BecomesManual()
    {
        using var rig = new SimulatedRig(slots: 2, autoscaled: [1]);

        rig.Engine.Restore(new PersistedSlot(1, "node01", SlotPhase.Off, false, SlotPolicy.Auto, false, null, 0, null, false));
        rig.Engine.Restore(new PersistedSlot(2, "node02", SlotPhase.Off, false, SlotPolicy.Auto, false, null, 0, null, false));
        rig.Engine.StartUp();

        Assert.Equal(SlotPolicy.Manual, rig.State(1).Policy);
        Assert.Equal(SlotPolicy.Auto, rig.State(2).Policy);
        var changed = Assert.Single(rig.EventsOf(EventTypes.PolicyChanged, 1));
        Assert.Equal(PowerEngine.RestoreSource, changed.Source);
        Assert.Equal("auto", (string?)changed.Detail?["from"]);
        Assert.Equal("manual", (string?)changed.Detail?["to"]);
        Assert.Equal(ErrorCodes.Autoscaled, (string?)changed.Detail?["reason"]);
        Assert.Empty(rig.EventsOf(EventTypes.PolicyChanged, 2));
    }
}
