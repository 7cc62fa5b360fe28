using System.Text;
using Google.Protobuf;
using PiChassis.Controller.Autoscaler.Grpc;
using PiChassis.Controller.Engine;
using static PiChassis.Tests.Controller.Autoscaler.AutoscalerRig;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// The bytes the service answers, read back by hand with the field numbers of the upstream definition
/// (kubernetes/autoscaler externalgrpc.proto), not with our generated classes: a field renumbered in our
/// .proto would be read as another field, or not at all, and fail here.
/// </summary>
public sealed class AutoscalerWireTests
{
    [Fact]
    public void NodeGroupsResponse_GroupsAtField1_IdMinMaxDebugAt1To4()
    {
        using var rig = new AutoscalerRig();

        var response = Read(rig.Actions.NodeGroups());

        var group = Message(response, 1);
        Assert.Equal(Group, Text(Single(group, 1)));
        Assert.Equal(1L, Single(group, 2));
        Assert.Equal(3L, Single(group, 3));
        Assert.Contains("slots 1,2,3", Text(Single(group, 4)), StringComparison.Ordinal);
    }

    [Fact]
    public void NodeGroupForNodeResponse_GroupAtField1()
    {
        using var rig = new AutoscalerRig();

        var response = Read(new NodeGroupForNodeResponse { NodeGroup = rig.Actions.ForNode(rig.Engine, new ExternalGrpcNode { ProviderID = "pichassis://sim/3" }) });

        Assert.Equal(Group, Text(Single(Message(response, 1), 1)));
    }

    [Fact]
    public void NodeGroupTargetSizeResponse_SizeAtField1()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2);

        var response = Read(new NodeGroupTargetSizeResponse { TargetSize = rig.Actions.TargetSize(rig.Engine, Group).Value });

        Assert.Equal(2L, Single(response, 1));
    }

    [Fact]
    public void NodeGroupNodesResponse_InstancesWithStatusAndErrorInfo_AtUpstreamNumbers()
    {
        using var rig = new AutoscalerRig();
        rig.Up(1, 2);
        rig.Rig.Chassis.Slots[1].InjectShort(4);
        Assert.True(rig.Rig.RunUntil(() => rig.Rig.State(2).Fault is not null, TimeSpan.FromSeconds(30)));

        var response = Read(rig.Actions.Nodes(rig.Engine, Group).Value);

        var instances = response.Where(f => f.Field == 1).Select(f => Read((byte[])f.Value)).ToDictionary(i => Text(Single(i, 1)));
        Assert.Equal(["pichassis://sim/1", "pichassis://sim/2"], instances.Keys.Order());
        var running = Message(instances["pichassis://sim/1"], 2);
        Assert.Equal(1L, Single(running, 1)); // instanceRunning
        Assert.DoesNotContain(running, f => f.Field == 2);
        var faulted = Message(instances["pichassis://sim/2"], 2);
        Assert.Equal(2L, Single(faulted, 1)); // instanceCreating
        var error = Message(faulted, 2);
        Assert.Equal(FaultCodes.Overcurrent, Text(Single(error, 1)));
        Assert.False(string.IsNullOrEmpty(Text(Single(error, 2))));
        Assert.Equal(99L, Single(error, 3)); // OtherErrorClass
    }

    private static List<(int Field, object Value)> Read(IMessage message) => Read(message.ToByteArray());

    /// <summary>Every field as (number, value): a varint as long, length-delimited as its bytes; other wire types are not expected.</summary>
    private static List<(int Field, object Value)> Read(byte[] bytes)
    {
        var fields = new List<(int, object)>();
        var input = new CodedInputStream(bytes);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            fields.Add(WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => (field, (object)(long)input.ReadUInt64()),
                WireFormat.WireType.LengthDelimited => (field, input.ReadBytes().ToByteArray()),
                var other => throw new InvalidDataException($"field {field} has wire type {other}"),
            });
        }

        return fields;
    }

    private static object Single(List<(int Field, object Value)> fields, int field) => Assert.Single(fields, f => f.Field == field).Value;

    private static List<(int Field, object Value)> Message(List<(int Field, object Value)> fields, int field) => Read((byte[])Single(fields, field));

    private static string Text(object value) => Encoding.UTF8.GetString((byte[])value);
}
