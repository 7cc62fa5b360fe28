namespace PiChassis.Shared.Payloads;

/// <summary>
/// One slot in <c>info</c>. <see cref="ConfiguredNode"/> is set only when the node found in the slot
/// (plug &amp; play) is not the one the configuration names; <see cref="PendingNode"/> while a learnt name
/// waits for an operator to confirm or reject it (the slot answers to <see cref="Node"/> until then).
/// </summary>
public sealed record InfoSlot(
    int Slot,
    string Node,
    string Policy,
    string? ConfiguredNode = null,
    string? PendingNode = null);
