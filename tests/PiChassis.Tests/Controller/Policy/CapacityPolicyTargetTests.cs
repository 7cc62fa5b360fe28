using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyTargetTests
{
    [Fact]
    public void SetTarget_AboveTheSlotCount_ReportedAndEverythingReachableRuns()
    {
        using var p = new PolicyRig(4);
        p.Rig.Execute(4, SlotAction.SetPolicy, policy: SlotPolicy.Manual);

        var result = p.Policy.SetTarget(10, 0, "test");

        Assert.True(result.Ok);
        Assert.True(result.Capped);
        Assert.Equal(10, result.Wanted);
        Assert.Equal(3, result.Achievable);
        Assert.Equal(3, result.Reachable);
        Assert.Contains("3 can run", result.Message, StringComparison.Ordinal);
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 3, TimeSpan.FromMinutes(2)));
        Assert.Equal(SlotPhase.Off, p.Rig.State(4).Phase);
        Assert.Empty(p.Rig.EventsOf(EventTypes.CommandRejected));
    }

    [Fact]
    public void SetTarget_Negative_RefusedAndNothingChanges()
    {
        using var p = new PolicyRig(2);

        var nodes = p.Policy.SetTarget(-1, null, "test");
        var spare = p.Policy.SetTarget(1, -2, "test");

        Assert.Equal(ErrorCodes.InvalidRequest, nodes.ErrorCode);
        Assert.Equal(ErrorCodes.InvalidRequest, spare.ErrorCode);
        Assert.False(spare.Ok);
        Assert.Null(p.Policy.Target);
        Assert.Empty(p.Rig.EventsOf(EventTypes.CapacityChanged));
        Assert.Equal(0, p.Running);
    }

    [Fact]
    public void SetTarget_ChangedTarget_OneCapacityChangedEventEach()
    {
        using var p = new PolicyRig(4);

        p.Policy.SetTarget(2, 1, "slurm");
        p.Policy.SetTarget(2, 1, "slurm");
        p.Policy.SetTarget(3, null, "dashboard");

        var events = p.Rig.EventsOf(EventTypes.CapacityChanged);
        Assert.Equal(2, events.Count);
        Assert.Null(events[0].Slot);
        Assert.Equal("slurm", events[0].Source);
        Assert.Equal(2, events[0].Detail!["nodes"]!.GetValue<int>());
        Assert.Equal(1, events[0].Detail!["min_spare"]!.GetValue<int>());
        Assert.Equal(4, events[0].Detail!["achievable"]!.GetValue<int>());
        Assert.Equal("dashboard", events[1].Source);
        Assert.Equal(p.Options.DefaultMinSpare, p.Policy.Target!.MinSpare);
    }

    [Fact]
    public void Status_NoTarget_PolicySwitchesNothing()
    {
        using var p = new PolicyRig(2);
        p.Rig.Execute(1, SlotAction.On);
        p.Run(TimeSpan.FromMinutes(20));

        var status = p.Policy.Status();

        Assert.Null(p.Policy.Target);
        Assert.Equal(1, status.Running);
        Assert.Equal(2, status.Achievable);
        Assert.Equal(SlotPhase.On, p.Rig.State(1).Phase);
        Assert.Equal(SlotPhase.Off, p.Rig.State(2).Phase);
    }

    [Fact]
    public void SetLease_LeasedSlot_KeptOnUntilTheLeaseEnds()
    {
        using var p = new PolicyRig(2);
        p.Policy.SetTarget(2, 0, "test");
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 2, TimeSpan.FromMinutes(1)));
        var until = p.Rig.Time.GetUtcNow() + TimeSpan.FromMinutes(30);

        var lease = p.Policy.SetLease(2, until, "slurm");
        p.Policy.SetTarget(0, 0, "test");
        p.Run(TimeSpan.FromMinutes(29));

        Assert.True(lease.Ok);
        Assert.Equal(SlotPhase.Off, p.Rig.State(1).Phase);
        Assert.Equal(SlotPhase.On, p.Rig.State(2).Phase);
        Assert.True(p.RunUntil(() => p.Rig.State(2).Phase == SlotPhase.Off, TimeSpan.FromMinutes(5)));
        Assert.True(p.Rig.EventsOf(EventTypes.PowerOff, 2)[0].At >= until);
        Assert.Empty(p.Policy.Leases);
    }

    [Fact]
    public void SetLease_UnknownSlotOrPastTime_Refused()
    {
        using var p = new PolicyRig(2);

        var unknown = p.Policy.SetLease(9, p.Rig.Time.GetUtcNow().AddHours(1), "test");
        var past = p.Policy.SetLease(1, p.Rig.Time.GetUtcNow().AddSeconds(-1), "test");

        Assert.Equal(ErrorCodes.UnknownTarget, unknown.ErrorCode);
        Assert.Equal(ErrorCodes.InvalidRequest, past.ErrorCode);
        Assert.Empty(p.Policy.Leases);
    }
}
