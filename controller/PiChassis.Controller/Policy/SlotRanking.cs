using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Policy;

/// <summary>
/// The order in which the policy uses slots: coolest first (heat proxies within the tolerance count
/// as equal), then least worn (fewest relay cycles), then the lowest slot number. Powering on the
/// least-worn of the cool slots rotates the wear over time; switching off goes the other way round,
/// so the coolest, least-worn slots are the ones kept running.
/// </summary>
internal static class SlotRanking
{
    public static IEnumerable<SlotState> ForPowerOn(IEnumerable<SlotState> slots, IReadOnlyDictionary<int, SlotTracker> trackers, double toleranceW) =>
        slots.OrderBy(s => HeatStep(trackers[s.Slot], toleranceW))
            .ThenBy(s => s.RelayCycles)
            .ThenBy(s => s.Slot);

    public static IEnumerable<SlotState> ForPowerOff(IEnumerable<SlotState> slots, IReadOnlyDictionary<int, SlotTracker> trackers, double toleranceW) =>
        slots.OrderByDescending(s => HeatStep(trackers[s.Slot], toleranceW))
            .ThenByDescending(s => s.RelayCycles)
            .ThenByDescending(s => s.Slot);

    private static long HeatStep(SlotTracker tracker, double toleranceW) => (long)Math.Floor(tracker.HeatW / toleranceW);
}
