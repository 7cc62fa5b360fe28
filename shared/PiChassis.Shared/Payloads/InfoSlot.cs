namespace PiChassis.Shared.Payloads;

/// <summary>
/// One slot in <c>info</c>. <see cref="ConfiguredNode"/> is set only when the node found in the slot
/// (plug &amp; play) is not the one the configuration names.
/// </summary>
public sealed record InfoSlot(
    int Slot,
    string Node,
    string Policy,
    string? ConfiguredNode = null);
