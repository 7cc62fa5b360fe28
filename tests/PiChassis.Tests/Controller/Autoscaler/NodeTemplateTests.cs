using Google.Protobuf;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Configuration;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// The template node read back with the field numbers of Kubernetes' own definitions, never with our
/// generated classes: k8s.io/api/core/v1 (Node: metadata 1, status 3; NodeStatus: capacity 1,
/// allocatable 2, conditions 4, nodeInfo 7), meta/v1 (ObjectMeta: name 1, labels 11, annotations 12)
/// and api/resource (Quantity: string 1).
/// </summary>
public class NodeTemplateTests
{
    private static NodeGroupOptions Workers() => new() { Name = "workers", Nodes = "node[01-04]", MaxSize = 4 };

    [Fact]
    public void Build_DefaultPi4Group_NameLabelsCapacityAllocatableAtUpstreamNumbers()
    {
        var node = Decode(NodeTemplate.Build(Workers(), "rack1"));

        Assert.Equal("workers-template", node.Name);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["kubernetes.io/arch"] = "arm64",
                ["kubernetes.io/hostname"] = "workers-template",
                ["kubernetes.io/os"] = "linux",
                ["node.kubernetes.io/instance-type"] = "k3s",
                ["pichassis.io/node-group"] = "workers",
            },
            node.Labels);
        Assert.Equal(new Dictionary<string, string> { ["pichassis.io/chassis"] = "rack1" }, node.Annotations);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "4", ["memory"] = "3796Mi", ["pods"] = "110" }, node.Capacity);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "3900m", ["memory"] = "3540Mi", ["pods"] = "110" }, node.Allocatable);
    }

    [Fact]
    public void Build_GroupSettings_CapacityLessReservedAndGroupLabelsOverDefaults()
    {
        var group = Workers();
        group.CpuCores = 4;
        group.MemoryMiB = 8192;
        group.MaxPods = 40;
        group.ReservedCpuMilli = 1000;
        group.ReservedMemoryMiB = 512;
        group.Labels["node.kubernetes.io/instance-type"] = "rpi5-8g";
        group.Labels["pichassis.io/node-group"] = "someone-else";
        group.Labels["faas"] = "true";

        var node = Decode(NodeTemplate.Build(group, "rack1"));

        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "40" }, node.Capacity);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "3", ["memory"] = "7680Mi", ["pods"] = "40" }, node.Allocatable);
        Assert.Equal("rpi5-8g", node.Labels["node.kubernetes.io/instance-type"]);
        Assert.Equal("true", node.Labels["faas"]);
        Assert.Equal("workers", node.Labels["pichassis.io/node-group"]);
    }

    [Fact]
    public void Build_Status_ReadyLinuxArm64()
    {
        var status = ProtoWire.Read(ProtoWire.Read(ByteString.CopyFrom(NodeTemplate.Build(Workers(), "rack1"))).Single(3));

        var conditions = status.Repeated(4).ToDictionary(c => c.String(1), c => c.String(2));
        var nodeInfo = ProtoWire.Read(status.Single(7));

        Assert.Equal("True", conditions["Ready"]);
        Assert.All(conditions.Where(c => c.Key != "Ready"), c => Assert.Equal("False", c.Value));
        Assert.Equal("linux", nodeInfo.String(9));
        Assert.Equal("arm64", nodeInfo.String(10));
    }

    [Fact]
    public void Build_SameSettingsLabelsInAnotherOrder_SameBytes()
    {
        var first = Workers();
        first.Labels["a"] = "1";
        first.Labels["b"] = "2";
        var second = Workers();
        second.Labels["b"] = "2";
        second.Labels["a"] = "1";

        Assert.Equal(NodeTemplate.Build(first, "rack1"), NodeTemplate.Build(second, "rack1"));
    }

    [Theory]
    [InlineData(4, 4001, 3796, 256)]
    [InlineData(4, 100, 3796, 3797)]
    public void Build_ReservesMoreThanTheBoard_RefusedNamingTheGroup(int cores, int reservedCpuMilli, int memoryMiB, int reservedMemoryMiB)
    {
        var group = Workers();
        group.CpuCores = cores;
        group.ReservedCpuMilli = reservedCpuMilli;
        group.MemoryMiB = memoryMiB;
        group.ReservedMemoryMiB = reservedMemoryMiB;

        var error = Assert.Throws<ArgumentException>(() => NodeTemplate.Build(group, "rack1"));
        Assert.Contains("'workers'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A second, independent decoder: Debian's protoc (C++) reads the bytes against upstream's layout
    /// of these messages, written here from Kubernetes' .proto files and not from ours.
    /// </summary>
    [Fact]
    public async Task Build_DecodedByProtocWithUpstreamLayout_SameValues()
    {
        var dir = Directory.CreateTempSubdirectory("pichassis-node-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "upstream.proto"), UpstreamLayout);
            var group = Workers();
            group.Labels["faas"] = "true";
            await File.WriteAllBytesAsync(Path.Combine(dir, "node.bin"), NodeTemplate.Build(group, "rack1"));

            var result = await ProcessRunner.RunAsync(
                "bash", ["-c", "cd \"$1\" && protoc --proto_path=. --decode=k8s.io.api.core.v1.Node upstream.proto < node.bin", "decode", dir], TimeSpan.FromSeconds(30));

            Assert.True(result.ExitCode == 0, result.Error);
            var text = string.Join(' ', result.Lines);
            Assert.Contains("metadata { name: \"workers-template\"", text, StringComparison.Ordinal);
            Assert.Contains("labels { key: \"faas\" value: \"true\" }", text, StringComparison.Ordinal);
            Assert.Contains("labels { key: \"pichassis.io/node-group\" value: \"workers\" }", text, StringComparison.Ordinal);
            Assert.Contains("capacity { key: \"memory\" value { string: \"3796Mi\" } }", text, StringComparison.Ordinal);
            Assert.Contains("allocatable { key: \"cpu\" value { string: \"3900m\" } }", text, StringComparison.Ordinal);
            Assert.Contains("conditions { type: \"Ready\" status: \"True\" }", text, StringComparison.Ordinal);
            Assert.Contains("nodeInfo { operatingSystem: \"linux\" architecture: \"arm64\" }", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Upstream's field numbers and packages, one file for protoc (Quantity and ObjectMeta moved in).
    private const string UpstreamLayout = """
        syntax = "proto2";
        package k8s.io.api.core.v1;
        message Quantity { optional string string = 1; }
        message ObjectMeta {
          optional string name = 1;
          optional string namespace = 3;
          map<string, string> labels = 11;
          map<string, string> annotations = 12;
        }
        message Taint { optional string key = 1; optional string value = 2; optional string effect = 3; }
        message NodeSpec { optional string podCIDR = 1; optional string providerID = 3; optional bool unschedulable = 4; repeated Taint taints = 5; }
        message NodeCondition { optional string type = 1; optional string status = 2; optional string reason = 5; optional string message = 6; }
        message NodeSystemInfo { optional string machineID = 1; optional string kubeletVersion = 7; optional string operatingSystem = 9; optional string architecture = 10; }
        message NodeStatus {
          map<string, Quantity> capacity = 1;
          map<string, Quantity> allocatable = 2;
          optional string phase = 3;
          repeated NodeCondition conditions = 4;
          optional NodeSystemInfo nodeInfo = 7;
        }
        message Node { optional ObjectMeta metadata = 1; optional NodeSpec spec = 2; optional NodeStatus status = 3; }
        """;

    private static DecodedNode Decode(byte[] bytes)
    {
        var node = ProtoWire.Read(ByteString.CopyFrom(bytes));
        var metadata = ProtoWire.Read(node.Single(1));
        var status = ProtoWire.Read(node.Single(3));
        return new DecodedNode(
            metadata.String(1),
            Strings(metadata.Map(11)),
            Strings(metadata.Map(12)),
            Quantities(status.Map(1)),
            Quantities(status.Map(2)));
    }

    private static Dictionary<string, string> Strings(Dictionary<string, ByteString> map) =>
        map.ToDictionary(e => e.Key, e => e.Value.ToStringUtf8(), StringComparer.Ordinal);

    private static Dictionary<string, string> Quantities(Dictionary<string, ByteString> map) =>
        map.ToDictionary(e => e.Key, e => ProtoWire.Read(e.Value).String(1), StringComparer.Ordinal);

    private sealed record DecodedNode(
        string Name,
        Dictionary<string, string> Labels,
        Dictionary<string, string> Annotations,
        Dictionary<string, string> Capacity,
        Dictionary<string, string> Allocatable);
}
