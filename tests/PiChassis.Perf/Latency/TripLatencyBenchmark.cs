using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Perf.Latency;

/// <summary>
/// Protection trip latency in wall-clock time: a short on slot 1 at a random phase of the sampling
/// tick, to the write that opens its relay, with the default sample interval and overcurrent dwell,
/// while <see cref="CommandFlood"/> keeps the controller's MQTT side busy on the other slots.
/// Nothing collects garbage between trips: GC pauses are part of the figures.
/// </summary>
public static class TripLatencyBenchmark
{
    public const int Slots = 8;
    private const int Slot = 1;
    private const int WarmUpTrips = 5;
    private const double ShortA = 4.0;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Everything else at its default: sample interval, dwell, overcurrent limit.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Power:MinOffTime"] = "00:00:00",
        ["Power:StaggerInterval"] = "00:00:00",
        ["Power:MaxCyclesPerHour"] = "100000",
        ["Mqtt:CommandRatePerSecond"] = "10000",
    };

    /// <param name="storeStall">With a value, every commit of the store stalls that long (a worn SD card).</param>
    public static async Task<TripLatencyResult> RunAsync(int trips, TimeSpan? storeStall = null)
    {
        var store = storeStall is { } stall ? new StallingStore(stall) : null;
        await using var controller = await BenchController.StartAsync(Slots, Settings, storeFaults: store);
        var interval = controller.Services.GetRequiredService<IOptions<SamplingOptions>>().Value.Interval;
        var dwell = controller.Services.GetRequiredService<IOptions<ProtectionOptions>>().Value.OvercurrentDwell;
        using var probe = new SweepProbe(controller);
        using var watch = new RelayWatch(controller);
        await ControllerReady.WaitAsync(controller.Port);
        await PowerOnAsync(controller, watch);
        await using var flood = await CommandFlood.StartAsync(controller.Port, Enumerable.Range(2, Slots - 1));

        var latencies = new List<TimeSpan>(trips);
        var phases = new List<TimeSpan>(trips);
        var random = new Random(10);
        var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration());
        for (var i = 0; i < WarmUpTrips + trips; i++)
        {
            if (i == WarmUpTrips)
            {
                gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                probe.Reset();
                controller.Loop.StepTimes.Reset();
            }

            // The random wait puts the short anywhere in the sampling period.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds), TimeProvider.System);
            var (latency, phase) = await TripAsync(controller, watch, probe);
            if (i >= WarmUpTrips)
            {
                latencies.Add(latency);
                phases.Add(phase);
            }

            await PowerOnAsync(controller, watch);
        }

        int[] collections = [GC.CollectionCount(0) - gcBefore.Gen0, GC.CollectionCount(1) - gcBefore.Gen1, GC.CollectionCount(2) - gcBefore.Gen2];
        var pause = GC.GetTotalPauseDuration() - gcBefore.Pause;
        var steps = LatencySummary.Of(controller.Loop.StepTimes.Snapshot());
        store?.Release();
        return new TripLatencyResult(LatencySummary.Of(latencies), interval, dwell, flood.Rate, flood.Answered, flood.RateLimitedAnswers,
            flood.SwitchingAnswers, flood.UnavailableAnswers, storeStall, store?.Commits ?? 0, steps,
            phases.Min(), phases.Max(), probe.Gaps.Min(), LatencySummary.Of(probe.Gaps), LatencySummary.Of(probe.LoopDelays),
            collections, pause, Settings, Footprint.LoadAverage());
    }

    private static async Task<(TimeSpan Latency, TimeSpan Phase)> TripAsync(HostedController controller, RelayWatch watch, SweepProbe probe)
    {
        var opened = watch.NextAsync(Slot, closed: false);
        var slot = controller.Buses.Chassis.Slot(Slot);
        var injectedAt = Stopwatch.GetTimestamp();
        slot.InjectShort(ShortA);
        var phase = Stopwatch.GetElapsedTime(probe.LastSweep, injectedAt);
        var openedAt = await opened.WaitAsync(Timeout, TimeProvider.System);
        slot.ClearShort();
        return (Stopwatch.GetElapsedTime(injectedAt, openedAt), phase);
    }

    /// <summary>Clears the latched fault and powers the slot again; returns once its relay is closed.</summary>
    private static async Task PowerOnAsync(HostedController controller, RelayWatch watch)
    {
        if (watch.IsClosed(Slot))
        {
            return;
        }

        var closed = watch.NextAsync(Slot, closed: true);
        await controller.Loop.ExecuteAsync(new SlotCommand(Slot, SlotAction.ClearFault, CommandOrigin.Remote, "bench"));
        var result = await controller.Loop.ExecuteAsync(new SlotCommand(Slot, SlotAction.On, CommandOrigin.Remote, "bench"));
        if (!result.Ok)
        {
            throw new InvalidOperationException($"slot {Slot} did not power on: {result.ErrorCode} {result.Message}");
        }

        await closed.WaitAsync(Timeout, TimeProvider.System);
    }
}
