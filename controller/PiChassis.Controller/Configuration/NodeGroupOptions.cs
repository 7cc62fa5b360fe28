namespace PiChassis.Controller.Configuration;

/// <summary>
/// One autoscaler node group: slots of this chassis that the autoscaler powers on and off, and what an
/// empty node of the group offers Kubernetes (the template node the autoscaler plans a scale-up from zero with).
/// </summary>
public sealed class NodeGroupOptions
{
    /// <summary>The group's id for the autoscaler: a Kubernetes label value (<c>[a-z0-9-]</c>, at most 63).</summary>
    public string Name { get; set; } = "";

    /// <summary>A hostlist of this chassis' node names, e.g. <c>node[01-04]</c>.</summary>
    public string Nodes { get; set; } = "";

    /// <summary>Nodes the autoscaler keeps at least.</summary>
    public int MinSize { get; set; }

    /// <summary>Nodes the autoscaler runs at most; unset (-1): every node of the group.</summary>
    public int MaxSize { get; set; } = -1;

    /// <summary>Labels of the group's nodes (as the kubelet registers them), given to the template node.</summary>
    public Dictionary<string, string> Labels { get; } = [];

    /// <summary>CPU cores of a node (Pi 4B and Pi 5: 4).</summary>
    public int CpuCores { get; set; } = 4;

    /// <summary>Memory of a node as the kernel reports it (a 4 GB Pi 4B: 3796 MiB).</summary>
    public int MemoryMiB { get; set; } = 3796;

    /// <summary>Pods a node's kubelet admits (its <c>--max-pods</c>, 110 by default).</summary>
    public int MaxPods { get; set; } = 110;

    /// <summary>CPU the kubelet and system keep for themselves (millicores); capacity minus this is allocatable.</summary>
    public int ReservedCpuMilli { get; set; } = 100;

    /// <summary>Memory the kubelet and system keep for themselves (MiB); capacity minus this is allocatable.</summary>
    public int ReservedMemoryMiB { get; set; } = 256;
}
