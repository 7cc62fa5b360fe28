namespace PiChassis.Controller.Configuration;

/// <summary>
/// One node group of the Kubernetes cluster-autoscaler (section <c>Autoscaler:NodeGroups</c>): a named
/// set of slots whose boards are alike, so one template node stands for each of them.
/// </summary>
public sealed class NodeGroupOptions
{
    /// <summary>The group's id as the autoscaler sees it.</summary>
    public string Name { get; set; } = "";

    /// <summary>A hostlist of the group's node names, e.g. <c>node[01-04]</c>.</summary>
    public string Nodes { get; set; } = "";

    public int MinSize { get; set; }

    public int MaxSize { get; set; }

    /// <summary>Labels every node of the group carries (the kubelet's <c>--node-labels</c>), so pods that select them scale the group.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>A Pi 4B or 5 has four cores.</summary>
    public int CpuCores { get; set; } = 4;

    /// <summary>
    /// What a 4 GB Pi 4B's kernel reports as MemTotal on 64-bit Raspberry Pi OS: about 3.7 GiB, the
    /// firmware and the kernel keep the rest. The low end on purpose: a template larger than the real
    /// board would have the autoscaler power a node on for a pod that then does not fit.
    /// </summary>
    public int MemoryMiB { get; set; } = 3796;

    /// <summary>The kubelet's default <c>maxPods</c>.</summary>
    public int MaxPods { get; set; } = 110;

    /// <summary>CPU kept back for the system and k3s (kubelet <c>system-reserved</c> plus <c>kube-reserved</c>), in millicores.</summary>
    public int ReservedCpuMilli { get; set; } = 100;

    /// <summary>Memory kept back for the system and k3s, in MiB (the same reservation as the CPU's).</summary>
    public int ReservedMemoryMiB { get; set; } = 256;
}
