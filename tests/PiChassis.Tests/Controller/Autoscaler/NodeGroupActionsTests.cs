using Grpc.Core;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Autoscaler.Grpc;
using PiChassis.Controller.Engine;
using static PiChassis.Tests.Controller.Autoscaler.AutoscalerRig;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>The group arithmetic and its refusals: every refusal leaves every slot as it was.</summary>
public sealed class NodeGroupActionsTests
{
    private static ExternalGrpcNode Named(string name) => new() { Name = name };

    [Fact]
    public void NodeGroups_Configured_IdMinMax()
    {
        using var rig = new AutoscalerRig();

        var group = Assert.Single(rig.Actions.NodeGroups().NodeGroups);

        Assert.Equal((Group, 1, 3), (group.Id, group.MinSize, group.MaxSize));
        Assert.Contains("slots 1,2,3", group.Debug, StringComparison.Ordinal);
    }

    [Fact]
    public void ForNode_ProviderIdOrName_GroupOrEmpty()
    {
        using var rig = new AutoscalerRig();

        Assert.Equal(Group, rig.Actions.ForNode(rig.Engine, new ExternalGrpcNode { ProviderID = "pichassis://sim/2", Name = "whatever" }).Id);
        Assert.Equal(Group, rig.Actions.ForNode(rig.Engine, Named("node03")).Id);
        Assert.Equal("", rig.Actions.ForNode(rig.Engine, Named("node04")).Id);
        Assert.Equal("", rig.Actions.ForNode(rig.Engine, new ExternalGrpcNode { ProviderID = "pichassis://other/2", Name = "node02" }).Id);
        Assert.Equal("", rig.Actions.ForNode(rig.Engine, Named("nobody")).Id);
    }

    [Fact]
    public void IncreaseSize_WithinBudget_QueuesThatManyAndTargetCountsThem()
    {
        using var rig = new AutoscalerRig();

        var status = rig.Actions.IncreaseSize(rig.Engine, Group, 2);

        Assert.Equal(StatusCode.OK, status.StatusCode);
        Assert.Equal(2, rig.Engine.States.Count(s => s.Phase is SlotPhase.Queued or SlotPhase.Booting));
        Assert.Equal(SlotPhase.Off, rig.Rig.State(4).Phase);
        Assert.Equal(2, rig.Actions.TargetSize(rig.Engine, Group).Value);
        Assert.All(rig.Rig.EventsOf(EventTypes.PhaseChanged).Where(e => e.Slot is 1 or 2 or 3), e => Assert.Equal(NodeGroupActions.Source, e.Source));
    }

    [Fact]
    public void IncreaseSize_LeastWornFirst_AsTheEnergyPolicyRanks()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1);
        Assert.True(rig.Rig.Execute(1, SlotAction.ForceOff).Ok);

        Assert.Equal(StatusCode.OK, rig.Actions.IncreaseSize(rig.Engine, Group, 2).StatusCode);

        Assert.Equal(SlotPhase.Off, rig.Rig.State(1).Phase);
    }

    [Fact]
    public void IncreaseSize_MoreThanTheBudgetHolds_ResourceExhaustedWithWattsAndNothingChanged()
    {
        // 16 W free, 6.5 W per boot: two fit, three do not.
        using var rig = new AutoscalerRig(power: p => (p.PsuBudgetW, p.HeadroomW) = (20, 4));
        var before = rig.Phases;

        var status = rig.Actions.IncreaseSize(rig.Engine, Group, 3);

        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.Contains("needs 19.5 W", status.Detail, StringComparison.Ordinal);
        Assert.Contains("16.0 W free", status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, rig.Phases);
        Assert.Equal(StatusCode.OK, rig.Actions.IncreaseSize(rig.Engine, Group, 2).StatusCode);
    }

    [Fact]
    public void IncreaseSize_QueuedBootsAlreadyClaimTheirShare_Refused()
    {
        using var rig = new AutoscalerRig(power: p => (p.PsuBudgetW, p.HeadroomW) = (20, 4));
        Assert.Equal(StatusCode.OK, rig.Actions.IncreaseSize(rig.Engine, Group, 2).StatusCode);

        Assert.Equal(StatusCode.ResourceExhausted, rig.Actions.IncreaseSize(rig.Engine, Group, 1).StatusCode);
    }

    [Theory]
    [InlineData(0, StatusCode.InvalidArgument)]
    [InlineData(-1, StatusCode.InvalidArgument)]
    [InlineData(4, StatusCode.InvalidArgument)]
    public void IncreaseSize_BadDelta_RefusedAndNothingChanged(int delta, StatusCode code)
    {
        using var rig = new AutoscalerRig();

        Assert.Equal(code, rig.Actions.IncreaseSize(rig.Engine, Group, delta).StatusCode);
        Assert.All(rig.Phases, p => Assert.Equal(SlotPhase.Off, p));
    }

    [Fact]
    public void IncreaseSize_DeltaThatOverflowsBesideTheRunningNodes_InvalidArgumentAsBeyondTheMaximum()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1);
        var before = rig.Phases;

        var status = rig.Actions.IncreaseSize(rig.Engine, Group, int.MaxValue);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains("more than its maximum of 3", status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, rig.Phases);
    }

    [Fact]
    public void IncreaseSize_LockedOrFaultedSlotsLeaveTooFew_ResourceExhausted()
    {
        using var rig = new AutoscalerRig();
        Assert.True(rig.Rig.Execute(1, SlotAction.Lock).Ok);
        Assert.True(rig.Rig.Execute(2, SlotAction.Lock).Ok);

        var status = rig.Actions.IncreaseSize(rig.Engine, Group, 2);

        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.Contains("only 1 of the 2", status.Detail, StringComparison.Ordinal);
        Assert.All(rig.Phases, p => Assert.Equal(SlotPhase.Off, p));
    }

    [Fact]
    public void UnknownGroup_EveryCall_NotFoundNamingIt()
    {
        using var rig = new AutoscalerRig();

        Assert.Equal(StatusCode.NotFound, rig.Actions.TargetSize(rig.Engine, "gpu").Status.StatusCode);
        Assert.Equal(StatusCode.NotFound, rig.Actions.IncreaseSize(rig.Engine, "gpu", 1).StatusCode);
        Assert.Equal(StatusCode.NotFound, rig.Actions.DecreaseTargetSize(rig.Engine, "gpu", -1).StatusCode);
        Assert.Equal(StatusCode.NotFound, rig.Actions.DeleteNodes(rig.Engine, "gpu", [Named("node01")]).StatusCode);
        Assert.Contains("'gpu'", rig.Actions.Nodes(rig.Engine, "gpu").Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteNodes_ExactlyTheNamed_GracefulOffOfThoseOnly()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2, 3);

        Assert.Equal(StatusCode.OK, rig.Actions.DeleteNodes(rig.Engine, Group, [Named("node02")]).StatusCode);

        Assert.Equal([SlotPhase.On, SlotPhase.ShuttingDown, SlotPhase.On, SlotPhase.Off], rig.Phases);
        Assert.Equal(2, rig.Actions.TargetSize(rig.Engine, Group).Value);
    }

    [Fact]
    public void DeleteNodes_OneOutsideTheGroup_InvalidArgumentAndNoneSwitched()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2, 4);

        var status = rig.Actions.DeleteNodes(rig.Engine, Group, [Named("node01"), Named("node04")]);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains("node04", status.Detail, StringComparison.Ordinal);
        Assert.Equal([SlotPhase.On, SlotPhase.On, SlotPhase.Off, SlotPhase.On], rig.Phases);
    }

    [Fact]
    public void DeleteNodes_LockedOrLeased_FailedPreconditionAndNoneSwitched()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2, 3);
        Assert.True(rig.Rig.Execute(2, SlotAction.Lock).Ok);
        Assert.True(rig.Policy.SetLease(3, rig.Rig.Time.GetUtcNow().AddHours(1), "test").Ok);

        var locked = rig.Actions.DeleteNodes(rig.Engine, Group, [Named("node01"), Named("node02")]);
        var leased = rig.Actions.DeleteNodes(rig.Engine, Group, [Named("node01"), Named("node03")]);

        Assert.Equal(StatusCode.FailedPrecondition, locked.StatusCode);
        Assert.Contains("locked", locked.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, leased.StatusCode);
        Assert.Contains("leased", leased.Detail, StringComparison.Ordinal);
        Assert.Equal([SlotPhase.On, SlotPhase.On, SlotPhase.On, SlotPhase.Off], rig.Phases);
    }

    [Fact]
    public void DeleteNodes_BelowMinSize_FailedPrecondition()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2);

        var status = rig.Actions.DeleteNodes(rig.Engine, Group, [Named("node01"), Named("node02")]);

        Assert.Equal(StatusCode.FailedPrecondition, status.StatusCode);
        Assert.Contains("minimum of 1", status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.OK, rig.Actions.DeleteNodes(rig.Engine, Group, [Named("node01")]).StatusCode);
    }

    [Fact]
    public void DecreaseTargetSize_CancelsQueuedOnly_AndRefusesMoreThanQueued()
    {
        // A long stagger keeps the second and third power-ons queued.
        using var rig = new AutoscalerRig(power: p => p.StaggerInterval = TimeSpan.FromMinutes(1));
        Assert.Equal(StatusCode.OK, rig.Actions.IncreaseSize(rig.Engine, Group, 3).StatusCode);
        Assert.Equal(2, rig.Engine.States.Count(s => s.Phase == SlotPhase.Queued));

        var tooMany = rig.Actions.DecreaseTargetSize(rig.Engine, Group, -3);
        var positive = rig.Actions.DecreaseTargetSize(rig.Engine, Group, 1);
        var two = rig.Actions.DecreaseTargetSize(rig.Engine, Group, -2);

        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, positive.StatusCode);
        Assert.Equal(StatusCode.OK, two.StatusCode);
        Assert.Equal(1, rig.Engine.States.Count(s => s.Phase == SlotPhase.Booting));
        Assert.Equal(0, rig.Engine.States.Count(s => s.Phase == SlotPhase.Queued));
        Assert.Equal(1, rig.Actions.TargetSize(rig.Engine, Group).Value);
    }

    [Fact]
    public void Nodes_StatesAndFaults_AsTheAutoscalerReadsThem()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2);
        rig.Rig.Chassis.Slots[1].InjectShort(4);
        Assert.True(rig.Rig.RunUntil(() => rig.Rig.State(2).Fault is not null, TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.OK, rig.Actions.IncreaseSize(rig.Engine, Group, 1).StatusCode);

        var instances = rig.Actions.Nodes(rig.Engine, Group).Value.Instances.ToDictionary(i => i.Id);

        Assert.Equal(3, instances.Count);
        Assert.Equal(InstanceStatus.Types.InstanceState.InstanceRunning, instances["pichassis://sim/1"].Status.InstanceState);
        Assert.Equal("", instances["pichassis://sim/1"].Status.ErrorInfo?.ErrorCode ?? "");
        var faulted = instances["pichassis://sim/2"].Status;
        Assert.Equal(InstanceStatus.Types.InstanceState.InstanceCreating, faulted.InstanceState);
        Assert.Equal((FaultCodes.Overcurrent, 99), (faulted.ErrorInfo.ErrorCode, faulted.ErrorInfo.InstanceErrorClass));
        Assert.Equal(InstanceStatus.Types.InstanceState.InstanceCreating, instances["pichassis://sim/3"].Status.InstanceState);
    }

    [Fact]
    public void Nodes_BootEndedWithoutHeartbeat_CreatingWithBootTimeout()
    {
        // A silent node whose draw never settles: only the maximum boot time ends its boot.
        using var rig = new AutoscalerRig(power: p => p.BootSettleTime = TimeSpan.FromHours(1));
        Assert.Equal(StatusCode.OK, rig.Actions.IncreaseSize(rig.Engine, Group, 1).StatusCode);
        var slot = rig.Engine.States.Single(s => s.Phase != SlotPhase.Off).Slot;
        rig.Rig.SilentNodes.Add(slot);

        Assert.True(rig.Rig.RunUntil(() => rig.Rig.State(slot).Phase == SlotPhase.On, TimeSpan.FromMinutes(5)));
        var status = Assert.Single(rig.Actions.Nodes(rig.Engine, Group).Value.Instances).Status;

        Assert.Equal(InstanceStatus.Types.InstanceState.InstanceCreating, status.InstanceState);
        Assert.Equal("boot_timeout", status.ErrorInfo.ErrorCode);
    }
}
