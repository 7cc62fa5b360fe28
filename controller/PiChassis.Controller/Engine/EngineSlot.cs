using PiChassis.Hardware;

namespace PiChassis.Controller.Engine;

/// <summary>What the engine needs to know of a slot: its number, node, shedding priority and relay.</summary>
public sealed record EngineSlot(int Slot, string Node, int Priority, IRelay Relay)
{
    /// <summary>What the slot does when the controller starts after a chassis power loss.</summary>
    public RestorePolicy RestorePolicy { get; init; }

    /// <summary>In an autoscaler node group: the cluster-autoscaler drives it, so the energy policy may not (<c>policy auto</c> is refused).</summary>
    public bool Autoscaled { get; init; }
}
