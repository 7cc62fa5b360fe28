using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Autoscaler;

/// <summary>A slot of another chassis as its controller last published it (its retained <c>slot/&lt;n&gt;/state</c>).</summary>
public sealed record RemoteSlot(string Chassis, int Slot, string Node, SlotPhase Phase, string Policy, bool Locked, string? FaultCode, string? FaultMessage);
