using Google.Protobuf;
using PiChassis.Controller.Autoscaler.Kubernetes;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// The template node of a node group: the proto-serialised Kubernetes v1.Node of an empty node of the
/// group, which the cluster-autoscaler unmarshals to simulate a scale-up, from zero nodes too.
/// </summary>
public static class NodeTemplate
{
    /// <summary>The label that names a node's group; the k3s agent sets it on the real nodes too (deploy/kubernetes).</summary>
    public const string GroupLabel = "pichassis.io/node-group";

    /// <summary>Which chassis controller made the template (an annotation: nothing selects on it).</summary>
    public const string ChassisAnnotation = "pichassis.io/chassis";

    // Conditions of a healthy node, as the autoscaler's own providers give their templates. Without
    // times: nothing reads them from a template, and the bytes stay the same for the same settings.
    private static readonly (string Type, string Status)[] HealthyConditions =
    [
        ("Ready", "True"),
        ("MemoryPressure", "False"),
        ("DiskPressure", "False"),
        ("PIDPressure", "False"),
        ("NetworkUnavailable", "False"),
    ];

    /// <summary>The template of <paramref name="group"/>, served by the controller of <paramref name="chassisId"/>.</summary>
    /// <exception cref="ArgumentException">The group has no name, or reserves more than the board has.</exception>
    public static byte[] Build(NodeGroupOptions group, string chassisId)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentException.ThrowIfNullOrEmpty(group.Name, nameof(group));
        ArgumentException.ThrowIfNullOrEmpty(chassisId);
        var cpuMilli = checked(group.CpuCores * 1000);
        if (group.ReservedCpuMilli > cpuMilli || group.ReservedMemoryMiB > group.MemoryMiB)
        {
            throw new ArgumentException(
                $"node group '{group.Name}' reserves {group.ReservedCpuMilli}m CPU and {group.ReservedMemoryMiB} MiB of {cpuMilli}m and {group.MemoryMiB} MiB",
                nameof(group));
        }

        var name = $"{group.Name}-template";
        var metadata = new ObjectMeta { Name = name };
        metadata.Annotations.Add(ChassisAnnotation, chassisId);
        foreach (var (key, value) in Labels(group, name).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            metadata.Labels.Add(key, value);
        }

        var status = new NodeStatus
        {
            NodeInfo = new NodeSystemInfo { OperatingSystem = "linux", Architecture = "arm64" },
        };
        AddResources(status.Capacity, cpuMilli, group.MemoryMiB, group.MaxPods);
        AddResources(status.Allocatable, cpuMilli - group.ReservedCpuMilli, group.MemoryMiB - group.ReservedMemoryMiB, group.MaxPods);
        status.Conditions.AddRange(HealthyConditions.Select(c => new NodeCondition { Type = c.Type, Status = c.Status }));

        return new Node { Metadata = metadata, Status = status }.ToByteArray();
    }

    /// <summary>
    /// What the kubelet and k3s put on a Pi node, then the group's own labels (which may replace them,
    /// e.g. a custom instance type), and always the group label, which ties the node to its group.
    /// </summary>
    private static Dictionary<string, string> Labels(NodeGroupOptions group, string name)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kubernetes.io/arch"] = "arm64",
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/hostname"] = name,
            // k3s's embedded cloud controller labels every node so unless the agent names another.
            ["node.kubernetes.io/instance-type"] = "k3s",
        };
        foreach (var (key, value) in group.Labels)
        {
            labels[key] = value;
        }

        labels[GroupLabel] = group.Name;
        return labels;
    }

    // Sorted keys, as Go's Marshal writes a map: the same settings give the same bytes.
    private static void AddResources(Google.Protobuf.Collections.MapField<string, Quantity> resources, int cpuMilli, int memoryMiB, int pods)
    {
        resources.Add("cpu", new Quantity { String = ResourceQuantity.Cpu(cpuMilli) });
        resources.Add("memory", new Quantity { String = ResourceQuantity.Memory(memoryMiB) });
        resources.Add("pods", new Quantity { String = ResourceQuantity.Count(pods) });
    }
}
