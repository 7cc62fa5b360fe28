using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyForecastTests
{
    // Thursday 01:50 UTC: ten minutes before the nightly wave of the days before.
    private static readonly DateTimeOffset BeforeTheWave = new(2026, 12, 3, 1, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WaveStarts = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_NightlyWaveLearned_NodesUpBeforeItWithPrewarmEvent()
    {
        using var p = new PolicyRig(8, start: BeforeTheWave, history: NightlyWaves(days: 3));
        p.Policy.SetTarget(0, 0, "test");

        p.Run(WaveStarts - BeforeTheWave);

        Assert.Equal(8, p.SlotsIn(SlotPhase.On).Count());
        var prewarm = Assert.Single(p.Rig.EventsOf(EventTypes.CapacityForecast), e => (string?)e.Detail?["reason"] == CapacityPolicy.PrewarmReason);
        Assert.Equal(CapacityPolicy.Source, prewarm.Source);
        Assert.Equal(8, (int?)prewarm.Detail?["predicted"]);
        Assert.Equal(8, prewarm.Detail?["slots"]?.AsArray().Count);
        Assert.True(prewarm.At < WaveStarts - p.Options.PrewarmLead, $"pre-warmed at {prewarm.At:O}");
    }

    [Fact]
    public void Evaluate_NoHistory_NothingBeforeTheWave()
    {
        using var p = new PolicyRig(8, start: BeforeTheWave);
        p.Policy.SetTarget(0, 0, "test");

        p.Run(WaveStarts - BeforeTheWave);

        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOn));
        Assert.Empty(p.Rig.EventsOf(EventTypes.CapacityForecast));
    }

    [Fact]
    public void Evaluate_OneDayOfHistory_BelowAStricterConfidence_NothingBeforeTheWave()
    {
        using var p = new PolicyRig(8, o => o.ForecastConfidence = 0.6, start: BeforeTheWave, history: NightlyWaves(days: 1));
        p.Policy.SetTarget(0, 0, "test");

        p.Run(WaveStarts - BeforeTheWave);

        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOn));
    }

    [Fact]
    public void Evaluate_EmptyProfile_SameDecisionsAsWithoutLearning()
    {
        using var learning = new PolicyRig(8, start: BeforeTheWave);
        using var reactive = new PolicyRig(8, o => o.Learn = false, start: BeforeTheWave);

        foreach (var p in new[] { learning, reactive })
        {
            foreach (var (demand, minutes) in new[] { (3, 4), (6, 2), (1, 9), (5, 3), (0, 15) })
            {
                p.Demand = demand;
                p.Policy.SetTarget(demand, 1, "test");
                p.Run(TimeSpan.FromMinutes(minutes));
            }
        }

        Assert.Null(reactive.Policy.Profile);
        Assert.Equal(Switching(reactive), Switching(learning));
        Assert.NotEmpty(Switching(learning));
    }

    [Fact]
    public void Evaluate_WaveLearned_KeepsNodesThroughAShortGap()
    {
        // Each night: 8 nodes 02:00-02:20, a 4-minute gap, 8 nodes again 02:24-02:40.
        var history = new MemoryDemandHistory();
        foreach (var (from, minutes) in new[] { (120, 20), (144, 16) })
        {
            history.Add(MemoryDemandHistory.Waves(WaveStarts, 3, TimeSpan.FromMinutes(from), TimeSpan.FromMinutes(minutes), 8));
        }

        using var p = new PolicyRig(8, o => { o.Hysteresis = TimeSpan.Zero; o.MinOnTime = TimeSpan.Zero; o.ProfileWindow = 0; }, start: WaveStarts, history: history);
        p.Demand = 8;
        p.Policy.SetTarget(8, 0, "test");
        p.Run(TimeSpan.FromMinutes(20));
        p.Demand = 0;
        p.Policy.SetTarget(0, 0, "test");

        p.Run(TimeSpan.FromMinutes(4));

        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOff));
        Assert.Contains(p.Rig.EventsOf(EventTypes.CapacityForecast), e => (string?)e.Detail?["reason"] == CapacityPolicy.KeepReason);
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 6)]
    public void Evaluate_DipForecastLinedUpWithToday_HysteresisLetsGo(bool morningRecorded, int runningAfter)
    {
        // Every day: 6 nodes all morning, 4 from 10:30. With today's morning recorded, the past days
        // are lined up with today and their dip is believed; without, the hysteresis holds the 6.
        var dip = new DateTimeOffset(2026, 12, 3, 10, 30, 0, TimeSpan.Zero);
        var history = new MemoryDemandHistory();
        for (var at = dip.Date.AddDays(-3); at < (morningRecorded ? dip - TimeSpan.FromMinutes(5) : dip.Date); at += TimeSpan.FromMinutes(1))
        {
            history.Save((at.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute, at.TimeOfDay < dip.TimeOfDay ? 6 : 4, long.MinValue);
        }

        using var p = new PolicyRig(8, o => o.MinOnTime = TimeSpan.Zero, start: dip - TimeSpan.FromMinutes(5), history: history);
        p.Demand = 6;
        p.Policy.SetTarget(6, 0, "test");
        p.Run(TimeSpan.FromMinutes(5));
        p.Demand = 4;
        p.Policy.SetTarget(4, 0, "test");

        p.Run(TimeSpan.FromMinutes(3));

        Assert.Equal(runningAfter, p.Running);
    }

    private static MemoryDemandHistory NightlyWaves(int days) =>
        MemoryDemandHistory.Waves(WaveStarts, days, TimeSpan.FromHours(2), TimeSpan.FromHours(1), 8);

    private static List<(int? Slot, string Type, TimeSpan After)> Switching(PolicyRig p) =>
        [.. p.Rig.Journal.Read(0, int.MaxValue).Where(e => e.Type is EventTypes.PowerOn or EventTypes.PowerOff).Select(e => (e.Slot, e.Type, e.At - BeforeTheWave))];
}
