using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Policy;

/// <summary>
/// The order in which the policy uses slots: those within their daily cycle budget first, then
/// coolest (heat proxies within the tolerance count as equal), then least worn (fewest relay
/// cycles), then the lowest slot number. Powering on the least-worn of the cool slots rotates the
/// wear over time; switching off goes the other way round, so the coolest, least-worn slots are the
/// ones kept running, and a slot that spent its day's power-ons stays on rather than need another.
/// </summary>
internal static class SlotRanking
{
    /// <param name="powerOnsToday">A slot's power-ons in the last 24 hours (<see cref="PowerEngine.PowerOnsToday"/>).</param>
    public static IEnumerable<SlotState> ForPowerOn(IEnumerable<SlotState> slots, IReadOnlyDictionary<int, SlotTracker> trackers, PolicyOptions options, Func<int, int> powerOnsToday) =>
        slots.OrderBy(s => powerOnsToday(s.Slot) >= options.DailyCycleBudget)
            .ThenBy(s => HeatStep(trackers[s.Slot], options.HeatToleranceW))
            .ThenBy(s => s.RelayCycles)
            .ThenBy(s => s.Slot);

    public static IEnumerable<SlotState> ForPowerOff(IEnumerable<SlotState> slots, IReadOnlyDictionary<int, SlotTracker> trackers, PolicyOptions options, Func<int, int> powerOnsToday) =>
        slots.OrderBy(s => powerOnsToday(s.Slot) >= options.DailyCycleBudget)
            .ThenByDescending(s => HeatStep(trackers[s.Slot], options.HeatToleranceW))
            .ThenByDescending(s => s.RelayCycles)
            .ThenByDescending(s => s.Slot);

    private static long HeatStep(SlotTracker tracker, double toleranceW) => (long)Math.Floor(tracker.HeatW / toleranceW);
}
