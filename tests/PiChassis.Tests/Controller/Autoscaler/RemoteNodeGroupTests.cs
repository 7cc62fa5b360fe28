using Grpc.Core;
using Microsoft.Extensions.Options;
using MQTTnet;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Autoscaler.Grpc;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using static PiChassis.Tests.Controller.Autoscaler.AutoscalerRig;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// Groups with nodes of another chassis: resolved at run time from that chassis' retained slot states
/// (fed in here as the broker would deliver them), used after the local slots, and left alone while
/// that chassis is offline.
/// </summary>
public sealed class RemoteNodeGroupTests
{
    private const string Nodes = "node[01-02],node09";

    private static AutoscalerRig Rig() => new(group: g => { g.Nodes = Nodes; g.MinSize = 0; g.MaxSize = -1; }, remoteChassis: ["rack2"]);

    private static void Publish(AutoscalerRig rig, string topic, string payload) =>
        Assert.True(rig.Remote.TryHandle(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build()));

    private static void State(AutoscalerRig rig, int slot, string node, string phase, string fault = "null") =>
        Publish(rig, $"pichassis/rack2/slot/{slot}/state",
            $$"""{"slot":{{slot}},"node":"{{node}}","power":"off","phase":"{{phase}}","policy":"manual","locked":false,"fault":{{fault}}}""");

    [Fact]
    public void Build_NodeOfNoSlotHere_ErrorWithoutRemoteChassisKeptAsRemoteWithIt()
    {
        var chassis = new ChassisOptions { SlotCount = 4 };
        DefaultWiring.ApplyTo(chassis);
        var options = new AutoscalerOptions();
        options.NodeGroups.Add(new NodeGroupOptions { Name = Group, Nodes = Nodes });

        List<string> without = [];
        NodeGroupSet.Build(options, chassis, without);
        options.RemoteChassis.Add("rack2");
        List<string> with = [];
        var groups = NodeGroupSet.Build(options, chassis, with);

        Assert.Contains(without, e => e.Contains("'node09' is no slot", StringComparison.Ordinal));
        Assert.Empty(with);
        Assert.Equal(["node09"], Assert.Single(groups.Groups).RemoteNodes);
        Assert.Equal(3, groups.Groups[0].MaxSize);
    }

    [Theory]
    [InlineData("clients", "must be a chassis id")]
    [InlineData("sim", "is this chassis")]
    [InlineData("Rack2", "must be a chassis id")]
    public void Validate_BadRemoteChassis_ReportedByName(string id, string why)
    {
        var options = new AutoscalerOptions();
        options.RemoteChassis.Add(id);
        var validator = new AutoscalerOptionsValidator(Options.Create(new ChassisOptions { Id = "sim" }));

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains("Autoscaler:RemoteChassis:0", StringComparison.Ordinal) && f.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public void TryHandle_UnlistedChassisBadSlotOrPayload_NotKept()
    {
        using var rig = Rig();

        Assert.False(rig.Remote.TryHandle(new MqttApplicationMessageBuilder().WithTopic("pichassis/rack3/slot/1/state")
            .WithPayload("""{"slot":1,"node":"node09","phase":"off"}""").Build()));
        State(rig, 17, "node09", "off");
        Publish(rig, "pichassis/rack2/slot/1/state", "not json");
        State(rig, 2, "node09", "warp");

        Assert.Null(rig.Remote.Find("node09"));
    }

    [Fact]
    public void IncreaseSize_MoreThanThisChassisHas_LocalFirstThenTheRemoteSlot()
    {
        using var rig = Rig();
        State(rig, 1, "node09", "off");
        Publish(rig, "pichassis/rack2/status", "online");

        var change = rig.Actions.IncreaseSize(rig.Engine, Group, 3);

        Assert.Equal(StatusCode.OK, change.StatusCode);
        var far = Assert.Single(change.Remote);
        Assert.Equal(("rack2", 1, "node09"), (far.Chassis, far.Slot, far.Node));

        // This chassis' two wait for rack2's answer: a refusal there leaves them off.
        Assert.Equal([1, 2], change.Local.Select(c => c.Slot));
        Assert.Equal([SlotPhase.Off, SlotPhase.Off], rig.Phases[..2]);
        Assert.Equal(StatusCode.OK, rig.Actions.Commit(rig.Engine, change).StatusCode);
        Assert.Equal([SlotPhase.Queued, SlotPhase.Queued], rig.Phases[..2].Select(p => p is SlotPhase.Booting ? SlotPhase.Queued : p));
    }

    [Fact]
    public void Commit_ASlotLockedWhileRemoteAnswered_NothingSwitchedHere()
    {
        using var rig = Rig();
        State(rig, 1, "node09", "off");
        Publish(rig, "pichassis/rack2/status", "online");
        var change = rig.Actions.IncreaseSize(rig.Engine, Group, 3);
        Assert.True(rig.Engine.Execute(new SlotCommand(2, SlotAction.Lock, CommandOrigin.Remote, "test")).Ok);

        var status = rig.Actions.Commit(rig.Engine, change);

        Assert.Equal(StatusCode.FailedPrecondition, status.StatusCode);
        Assert.Contains("slot 2", status.Detail, StringComparison.Ordinal);
        Assert.Equal([SlotPhase.Off, SlotPhase.Off], rig.Phases[..2]);
    }

    [Fact]
    public void IncreaseSize_RemoteChassisOffline_NotUsedAndItsNodesUnreachable()
    {
        using var rig = Rig();
        State(rig, 1, "node09", "off");
        Publish(rig, "pichassis/rack2/status", "offline");

        var change = rig.Actions.IncreaseSize(rig.Engine, Group, 3);
        State(rig, 1, "node09", "on");
        var nodes = rig.Actions.Nodes(rig.Engine, Group).Value;

        Assert.Equal(StatusCode.ResourceExhausted, change.StatusCode);
        Assert.All(rig.Phases, p => Assert.Equal(SlotPhase.Off, p));
        var instance = Assert.Single(nodes.Instances);
        Assert.Equal("pichassis://rack2/1", instance.Id);
        Assert.Equal(("chassis_unreachable", 99), (instance.Status.ErrorInfo.ErrorCode, instance.Status.ErrorInfo.InstanceErrorClass));
    }

    [Fact]
    public void NodesTargetForNodeAndDelete_RemoteSlotCountedByItsPublishedState()
    {
        using var rig = Rig();
        State(rig, 1, "node09", "on");
        Publish(rig, "pichassis/rack2/status", "online");
        var node = new ExternalGrpcNode { ProviderID = "pichassis://rack2/1", Name = "node09" };

        Assert.Equal(1, rig.Actions.TargetSize(rig.Engine, Group).Value);
        Assert.Equal(Group, rig.Actions.ForNode(rig.Engine, node).Id);
        var instance = Assert.Single(rig.Actions.Nodes(rig.Engine, Group).Value.Instances);
        Assert.Equal(InstanceStatus.Types.InstanceState.InstanceRunning, instance.Status.InstanceState);

        var delete = rig.Actions.DeleteNodes(rig.Engine, Group, [node]);

        Assert.Equal(StatusCode.OK, delete.StatusCode);
        Assert.Equal("node09", Assert.Single(delete.Remote).Node);
    }
}
