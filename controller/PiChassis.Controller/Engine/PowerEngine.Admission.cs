namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    /// <summary>Boot-peak reservation: learned from this slot's measured boots, with a margin.</summary>
    private double ReservationW(SlotRuntime slot) =>
        slot.LearnedBootPeakW is { } learned ? learned * 1.1 : _power.DefaultBootPeakW;

    /// <summary>Running slots at their measured draw; booting slots at least at their reservation.</summary>
    private double CommittedW() => _slots.Sum(s => s.Phase switch
    {
        SlotPhase.Booting => Math.Max(s.PowerW, ReservationW(s)),
        _ when s.Relay.IsClosed => s.PowerW,
        _ => 0,
    });

    /// <summary>
    /// Starts queued slots, highest priority first then in order of arrival, while the supply has
    /// room for their boot peak, as many booting at once as fit. Consecutive power-ons are apart by
    /// the previous slot's inrush (see <see cref="StaggerAfter"/>); the engine steps once per sweep,
    /// so with a surge shorter than a sweep that is one power-on per sweep. The head of the queue
    /// waits for room rather than being overtaken, so a large slot is not starved.
    /// </summary>
    private void Admit()
    {
        var now = Now;
        var queue = _slots.Where(s => s.Phase == SlotPhase.Queued)
            .OrderByDescending(s => s.Priority)
            .ThenBy(s => s.QueuedAt)
            .ThenBy(s => s.Slot);
        foreach (var slot in queue)
        {
            if (_lastPowerOn is { } last && _lastPoweredSlot is { } previous && now - last < StaggerAfter(previous))
            {
                return;
            }

            if (slot.OffAt is { } off && now - off < _power.MinOffTime)
            {
                // The relay rests; the next in line may go meanwhile.
                continue;
            }

            if (CommittedW() + ReservationW(slot) > _power.PsuBudgetW - _power.HeadroomW)
            {
                return;
            }

            if (!CloseRelay(slot, slot.PendingSource))
            {
                return;
            }

            slot.PowerOnAfterOff = false;
            SetPhase(slot, SlotPhase.Booting, slot.PendingSource);
        }
    }
}
