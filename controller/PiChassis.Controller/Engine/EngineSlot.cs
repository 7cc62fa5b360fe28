using PiChassis.Hardware;

namespace PiChassis.Controller.Engine;

/// <summary>What the engine needs to know of a slot: its number, node, shedding priority and relay.</summary>
public sealed record EngineSlot(int Slot, string Node, int Priority, IRelay Relay)
{
    /// <summary>What the slot does when the controller starts after a chassis power loss.</summary>
    public RestorePolicy RestorePolicy { get; init; }
}
