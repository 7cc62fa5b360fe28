using System.Globalization;
using System.Text;

namespace PiChassis.Perf.Latency;

/// <summary>What the trip latency benchmark measured, and how it compares with its goal.</summary>
public sealed record TripLatencyResult(
    LatencySummary Trips,
    TimeSpan SampleInterval,
    TimeSpan Dwell,
    double FloodPerSecond,
    long FloodAnswers,
    long FloodRateLimited,
    long FloodSwitching,
    long FloodUnavailable,
    TimeSpan? StoreStall,
    long StalledCommits,
    LatencySummary Steps,
    TimeSpan PhaseMin,
    TimeSpan PhaseMax,
    TimeSpan GapMin,
    LatencySummary Gaps,
    LatencySummary LoopDelays,
    int[] Collections,
    TimeSpan GcPause,
    IReadOnlyDictionary<string, string> Settings,
    string Load)
{
    /// <summary>A sweep may just have missed the short, then the dwell runs: interval + dwell, and 5 ms for the rest.</summary>
    public TimeSpan Goal => SampleInterval + Dwell + TimeSpan.FromMilliseconds(5);

    public bool Passed => Trips.Count > 0 && Trips.P99 <= Goal;

    public string Format()
    {
        var text = new StringBuilder();
        var store = StoreStall is { } stall ? $"a store that stalls {LatencySummary.Ms(stall)} on every commit ({StalledCommits} commits)" : "the store on tmpfs";
        text.AppendLine(CultureInfo.InvariantCulture, $"Protection trip latency (InjectShort -> relay-opening write on the emulated MCP23017), {Trips.Count} trips, real clock, real host, embedded broker, {store}:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {Trips.Format()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  goal interval {LatencySummary.Ms(SampleInterval)} + dwell {LatencySummary.Ms(Dwell)} + 5 ms = {LatencySummary.Ms(Goal)}: p99 {(Passed ? "PASS" : "FAIL")}{(Trips.Max > Goal ? $" (max over by {LatencySummary.Ms(Trips.Max - Goal)})" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  under a flood of {CommandFlood.InFlight} requests in flight (status, identify, power with wait relay, 1000-row events): {FloodPerSecond:F0} answers/s ({FloodAnswers} answered, {FloodSwitching} of them switching, {FloodRateLimited} rate_limited, {FloodUnavailable} unavailable)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  engine loop step time: {Steps.Format()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  shorts injected {LatencySummary.Ms(PhaseMin)} to {LatencySummary.Ms(PhaseMax)} after a sweep (a random wait of 0-{LatencySummary.Ms(SampleInterval)} first);");
        text.AppendLine("  after each trip: short cleared, clear_fault and on through the engine loop, until the relay is closed again (booting: phase on takes a 15 s boot)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  where the time goes: gap between sampling ticks min {LatencySummary.Ms(GapMin)}, {Gaps.Format()}; engine loop reaches a sweep after {LoopDelays.Format()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  GC during the trips: gen0 {Collections[0]}, gen1 {Collections[1]}, gen2 {Collections[2]}, paused {LatencySummary.Ms(GcPause)} in all");
        text.AppendLine(CultureInfo.InvariantCulture, $"  changed settings: {string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"))}");
        text.Append(CultureInfo.InvariantCulture, $"    (they only let the slot be re-powered at once between trips, and let the flood be worked on instead of refused; load average {Load})");
        return text.ToString();
    }
}
