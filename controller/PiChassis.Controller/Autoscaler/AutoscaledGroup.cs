using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// A node group resolved to this chassis' slots, with its size limits made concrete. <see cref="RemoteNodes"/>
/// are its node names that are no slot here: slots of <c>Autoscaler:RemoteChassis</c>, found at run time
/// from their retained states (<see cref="RemoteSlots"/>).
/// </summary>
public sealed record AutoscaledGroup(NodeGroupOptions Options, IReadOnlyList<int> Slots, int MinSize, int MaxSize, IReadOnlyList<string> RemoteNodes)
{
    public string Name => Options.Name;
}
