namespace PiChassis.Controller.Engine;

// A relay closing on a board draws a surge (its capacitance and regulators charging) above the
// boot draw that admission reserves; surges of slots closed together sum at the supply. The next
// power-on waits until the previous slot's surge is over, as measured on its earlier power-ons.
public sealed partial class PowerEngine
{
    /// <summary>
    /// The wait after powering <paramref name="slot"/> on: its learned inrush, at least
    /// <c>MinStaggerInterval</c>; <c>StaggerInterval</c> until it is measured and never more.
    /// </summary>
    private TimeSpan StaggerAfter(SlotRuntime slot) => slot.LearnedInrush is { } inrush
        ? TimeSpan.FromTicks(Math.Min(_power.StaggerInterval.Ticks, Math.Max(_power.MinStaggerInterval.Ticks, inrush.Ticks)))
        : _power.StaggerInterval;

    /// <summary>
    /// Measures the inrush of a slot just powered on: the time from the close to the first sample
    /// of the powered slot whose draw is back within its boot reservation. Samples are a sweep apart,
    /// so that time bounds the surge from above by less than a sweep, which is the margin. A surge
    /// that lasts the whole <c>StaggerInterval</c> is learned as that long (the wait is capped there).
    /// Learned as the boot peak is: leaning on the newest, remembering the longer older ones.
    /// </summary>
    /// <returns>True while this sample belongs to the surge, so it is not taken for the boot peak.</returns>
    private bool WatchInrush(SlotRuntime slot, TimeSpan sincePower)
    {
        if (!slot.WatchingInrush)
        {
            return false;
        }

        var over = sincePower >= _power.StaggerInterval;
        if (!over && (slot.Stale || !slot.SampledClosed || slot.PowerW > ReservationW(slot)))
        {
            return true;
        }

        var measured = over ? _power.StaggerInterval : sincePower;
        slot.WatchingInrush = false;
        slot.LearnedInrush = slot.LearnedInrush is { } old ? TimeSpan.FromTicks(Math.Max(measured.Ticks, (old + measured).Ticks / 2)) : measured;
        return false;
    }
}
