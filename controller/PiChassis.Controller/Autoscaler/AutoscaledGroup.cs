using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Autoscaler;

/// <summary>A node group resolved to this chassis' slots, with its size limits made concrete.</summary>
public sealed record AutoscaledGroup(NodeGroupOptions Options, IReadOnlyList<int> Slots, int MinSize, int MaxSize)
{
    public string Name => Options.Name;
}
