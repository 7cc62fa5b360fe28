using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Hardware.Simulation.Physics;

public sealed partial class SimulatedChassis
{
    /// <summary>The chassis as of now, for <see cref="SimulatorStateFile"/>.</summary>
    public ChassisState ExportState()
    {
        lock (Gate)
        {
            SyncLocked();
            var at = _time.GetUtcNow();
            return new ChassisState(at, _thermal.AmbientC, _thermal.FanDutyPercent, _thermal.ExhaustC, [.. _slots.Select(s => s.ExportLocked(at))]);
        }
    }

    /// <summary>
    /// Puts the chassis back where <paramref name="saved"/> left it, then lets the time since it was
    /// saved (wall clock) pass: the hardware kept running while the controller was down, so a board
    /// powered N seconds ago is found N seconds into its boot, or running. Call it on a fresh chassis:
    /// slots the saved state does not list (the chassis grew) stay as they are and also live through
    /// the gap, which changes nothing for a fresh, unpowered slot. Saved slots beyond the chassis are ignored.
    /// </summary>
    public void RestoreState(ChassisState saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        lock (Gate)
        {
            SyncLocked();
            _thermal.FanDutyPercent = saved.FanDutyPercent;
            _thermal.AmbientC = saved.AmbientC;
            _thermal.Restore(saved.ExhaustC);
            foreach (var slot in saved.Slots.Where(s => s.Slot >= 1 && s.Slot <= _slots.Length))
            {
                _slots[slot.Slot - 1].RestoreLocked(slot, saved.At);
            }

            // Restart the time base at the saved instant and integrate the gap up to now.
            var gapTicks = Math.Max(0, (_time.GetUtcNow() - saved.At).Ticks);
            _originTimestamp = _time.GetTimestamp();
            _simulatedTicks = -gapTicks;
            SyncLocked();
        }
    }
}
