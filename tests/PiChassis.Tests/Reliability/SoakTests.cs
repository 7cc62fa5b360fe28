using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Tests.TestSupport;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// Days of the weekday FaaS demand trace on an accelerated (fake) clock through the controller
/// core, the capacity policy and the simulated 16-slot chassis: after a warm-up the managed heap
/// (after a full GC), the threads and the handles must not grow, and the journal stays bounded.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(SoakRunsAlone.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Slots = 16;
    /// <summary>Kept in memory (the store prunes by JournalMaxEvents); full before the warm-up ends, so its growth is not mistaken for a leak.</summary>
    private const int JournalCapacity = 100;

    /// <summary>
    /// Threads the count may grow by without a leak: the thread pool's hill climbing adds and retires
    /// workers by its own heuristics (one or two between two looks on a 2-core machine); one leaked
    /// thread per simulated hour would exceed it many times over.
    /// </summary>
    private const int ThreadNoise = 2;

    /// <summary>
    /// Handles the count may grow by: none. After a forced collection every socket, file and wait
    /// handle of the run is either in use from the warm-up on or closed, so one more is a leak.
    /// </summary>
    private const int HandleNoise = 0;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarmUp = TimeSpan.FromHours(2);

    [Fact]
    public void Replay_WeekdayTraceForDays_MemoryThreadsHandlesAndJournalStayFlat()
    {
        var trace = LoadTrace();
        using var rig = new SimulatedRig(Slots, model: m => m.PsuRatedW = 120, power: p => p.PsuBudgetW = 110, journalCapacity: JournalCapacity);
        rig.Sampling.Interval = Interval;
        foreach (var slot in rig.Engine.States)
        {
            rig.Execute(slot.Slot, SlotAction.SetPolicy, policy: SlotPolicy.Auto);
        }

        var policy = new CapacityPolicy(rig.Engine, new PolicyOptions { Interval = Interval }, rig.Events, rig.Time, NullLogger<CapacityPolicy>.Instance);
        var work = new WorkAssigner(rig, 1.0);
        var minutes = (int)ReliabilitySettings.SoakLength.TotalMinutes;
        (long Heap, int Threads, int Handles)? warm = null;
        (long Heap, int Threads, int Handles) last = default;
        var peakHeap = 0L;
        for (var minute = 0; minute < minutes; minute++)
        {
            var demand = trace[minute % trace.Count];
            policy.SetTarget(demand, 1, "soak");
            for (var step = 0; step < 60; step++)
            {
                work.Assign(demand);
                if (rig.Last is { } snapshot)
                {
                    policy.Evaluate(snapshot);
                }

                rig.Step();
            }

            if ((minute + 1) % 60 == 0 && TimeSpan.FromMinutes(minute + 1) >= WarmUp)
            {
                last = Measure();
                warm ??= last;
                peakHeap = Math.Max(peakHeap, last.Heap);
            }
        }

        var growth = (peakHeap - warm!.Value.Heap) / (double)warm.Value.Heap;
        var journalled = rig.Journal.Read(0, int.MaxValue).Count;
        ReliabilitySummary.Add(output, "soak", "simulated days", ReliabilitySettings.SoakLength.TotalDays, "F0");
        ReliabilitySummary.Add(output, "soak", "events raised", rig.Journal.LastSeq);
        ReliabilitySummary.Add(output, "soak", $"events kept (journal bound {JournalCapacity})", journalled);
        ReliabilitySummary.Add(output, "soak", "managed heap after warm-up (KiB)", warm.Value.Heap / 1024);
        ReliabilitySummary.Add(output, "soak", "managed heap growth after warm-up (%)", growth * 100, "F1");
        ReliabilitySummary.Add(output, "soak", "thread growth", last.Threads - warm.Value.Threads);
        ReliabilitySummary.Add(output, "soak", "handle growth", last.Handles - warm.Value.Handles);
        Assert.True(growth < 0.10, $"managed heap grew {growth:P1} after warm-up");
        Assert.True(last.Threads <= warm.Value.Threads + ThreadNoise, $"threads {warm.Value.Threads} -> {last.Threads}");
        Assert.True(last.Handles <= warm.Value.Handles + HandleNoise, $"handles {warm.Value.Handles} -> {last.Handles}");
        Assert.True(journalled <= JournalCapacity);
        Assert.All(rig.Engine.States, s => Assert.Null(s.Fault));
    }

    private static (long Heap, int Threads, int Handles) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.Threads.Count, process.HandleCount);
    }

    /// <summary>The weekday FaaS trace (minute,nodes per line; # comments and a header).</summary>
    private static List<int> LoadTrace()
    {
        var path = Path.Combine(Path.GetDirectoryName(ReliabilitySummary.FilePath)!, "..", "tests", "PiChassis.Tests", "Reliability", "traces", "faas-weekday-16.csv");
        return [.. File.ReadLines(path).Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => int.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))];
    }
}
