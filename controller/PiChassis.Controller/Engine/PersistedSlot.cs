namespace PiChassis.Controller.Engine;

/// <summary>
/// What a slot keeps across a controller restart; the store writes and reads it, the engine makes
/// and restores it. <paramref name="DesiredOn"/>: the slot was meant to be powered (queued, booting,
/// on, restarting, or a fault that left the power on); for a slot held off by protection
/// (<paramref name="ShedForHeat"/>), that it is powered again when released. <paramref name="Phase"/>
/// is the phase it had. <paramref name="LearnedInrush"/>: how long its measured power-on surge lasts.
/// <paramref name="RelayOpenedAt"/>: when its relay last opened, so that a slot switched off just
/// before a restart still gets its minimum off-time before it is powered again.
/// </summary>
public sealed record PersistedSlot(
    int Slot,
    string Node,
    SlotPhase Phase,
    bool DesiredOn,
    SlotPolicy Policy,
    bool Locked,
    SlotFault? Fault,
    long RelayCycles,
    double? LearnedBootPeakW,
    bool ShedForHeat,
    TimeSpan? LearnedInrush = null,
    DateTimeOffset? RelayOpenedAt = null);
