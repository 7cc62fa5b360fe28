using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

/// <summary>How a slot's power-ons of the day are counted from its relay cycles.</summary>
public class SlotTrackerTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void CountPowerOns_FirstSampleThenGains_OnlyTheGainsCountAndADayLaterNone()
    {
        var tracker = new SlotTracker(1);

        Assert.Equal(0, tracker.CountPowerOns(500, TimeSpan.Zero));
        Assert.Equal(2, tracker.CountPowerOns(502, Hour));
        Assert.Equal(1, tracker.CountPowerOns(503, 2 * Hour));

        Assert.Equal(3, tracker.PowerOnsToday(3 * Hour));
        Assert.Equal(1, tracker.PowerOnsToday(25 * Hour));
        Assert.Equal(0, tracker.PowerOnsToday(26 * Hour));
    }

    [Fact]
    public void CountPowerOns_CountLeapsOrFalls_TakenAsTheNewStartNotAsPowerOns()
    {
        var tracker = new SlotTracker(1);
        tracker.CountPowerOns(10, TimeSpan.Zero);

        Assert.Equal(0, tracker.CountPowerOns(1_000_000, Hour));
        Assert.Equal(0, tracker.CountPowerOns(5, 2 * Hour));
        Assert.Equal(1, tracker.CountPowerOns(6, 3 * Hour));
        Assert.Equal(1, tracker.PowerOnsToday(3 * Hour));
    }

    [Fact]
    public void Restore_PowerOnsFromBeforeTheStart_CountedUntilADayAfterThem()
    {
        var tracker = new SlotTracker(1);
        tracker.Restore(-20 * Hour);
        tracker.Restore(-Hour);

        Assert.Equal(2, tracker.PowerOnsToday(TimeSpan.Zero));
        Assert.Equal(1, tracker.PowerOnsToday(5 * Hour));
    }
}
