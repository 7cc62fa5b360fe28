using System.Globalization;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// What a cold start of the whole chassis costs with today's admission: demand jumps from 0 to
/// every slot; the scheduler asks the policy for it, and the engine powers the slots on, each
/// after the previous slot's inrush, while the supply has room for their boot reservation.
/// Measured on a fresh controller (boot peaks not yet learned, so each boot reserves the default)
/// and again on the same controller once every slot has booted (each reserves its measured peak
/// plus 10 %), the way a nightly wave finds it. The fan is left out, so sixteen busy boards warm the
/// chassis to its shed temperature within the ten minutes: the line says which slot was shed and when.
/// </summary>
internal static class ColdStart
{
    private static readonly TimeSpan Wave = TimeSpan.FromMinutes(10);

    /// <summary>Long enough for every slot to go off again between the two waves.</summary>
    private static readonly TimeSpan Rest = TimeSpan.FromMinutes(30);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(TextWriter output, BenchmarkSettings settings)
    {
        // No warm spare: a cold start begins with every slot off.
        settings = settings with { MinSpare = 0 };
        using var rig = BenchmarkChassis.Create(settings, startPowered: false);
        var scheduler = new CapacityScheduler(settings, learn: false);
        scheduler.Prepare(rig);
        var work = new WorkAssigner(rig, settings.LoadFraction);
        var power = rig.Power;
        output.WriteLine(string.Create(Invariant, $"cold start 0 -> {settings.Slots}: {settings.Slots} x {BenchmarkSettings.Board.Name}, the policy asked for {settings.Slots} nodes (no spare, so every slot starts off); ")
            + string.Create(Invariant, $"admission: a power-on after the previous slot's measured inrush ({power.MinStaggerInterval.TotalMilliseconds:F0} ms to {power.StaggerInterval.TotalSeconds:F0} s, {power.StaggerInterval.TotalSeconds:F0} s until measured; the engine steps every {settings.SampleInterval.TotalMilliseconds:F0} ms sweep) while booting slots fit in budget {power.PsuBudgetW:F0} W - headroom {power.HeadroomW:F0} W, ")
            + string.Create(Invariant, $"each reserving {power.DefaultBootPeakW:F1} W until it has measured boots, then its measured peak x 1.1"));
        Measure(output, rig, scheduler, work, settings.Slots, "fresh controller");
        Measure(output, rig, scheduler, work, settings.Slots, "boot peaks learned");
        output.WriteLine();
        InrushFigures.Print(output, settings);
    }

    private static void Measure(TextWriter output, SimulatedRig rig, CapacityScheduler scheduler, WorkAssigner work, int slots, string label)
    {
        var start = rig.Time.GetUtcNow();
        var servedAt = new double[slots + 1];
        var unmet = 0.0;
        var stepMinutes = rig.Sampling.Interval.TotalMinutes;
        Run(rig, scheduler, work, slots, Wave, served =>
        {
            var now = (rig.Time.GetUtcNow() - start).TotalSeconds;
            unmet += (slots - served) * stepMinutes;
            for (var k = 1; k <= served; k++)
            {
                servedAt[k] = servedAt[k] == 0 ? now : servedAt[k];
            }
        });
        var most = rig.EventsOf(EventTypes.PowerOn).Where(e => e.At >= start).Select(e => (e.At - start).TotalSeconds).DefaultIfEmpty().Max();
        var sheds = rig.EventsOf(EventTypes.LoadShed).Where(e => e.At >= start).Select(e => string.Create(Invariant, $"slot {e.Slot} at {(e.At - start).TotalSeconds:F0} s")).ToList();
        output.WriteLine(string.Create(Invariant, $"  {label}: {unmet:F1} node-minutes unmet ({unmet / (slots * Wave.TotalMinutes) * 100:F1} % of the first {Wave.TotalMinutes:F0} min); ")
            + string.Create(Invariant, $"first node serving after {servedAt[1]:F0} s, all {slots} after {servedAt[slots]:F0} s; last power-on at {most:F1} s; shed for heat: {(sheds.Count == 0 ? "none" : string.Join(", ", sheds))}"));
        Run(rig, scheduler, work, 0, Rest);
    }

    /// <summary>Steps the rig with <paramref name="demand"/> for <paramref name="duration"/>, as the replay does, handing each sample's served nodes to <paramref name="sample"/>.</summary>
    private static void Run(SimulatedRig rig, CapacityScheduler scheduler, WorkAssigner work, int demand, TimeSpan duration, Action<int>? sample = null)
    {
        for (var end = rig.Time.GetUtcNow() + duration; rig.Time.GetUtcNow() < end;)
        {
            var served = work.Assign(demand);
            scheduler.Act(rig, demand, work);
            sample?.Invoke(served);
            rig.Step();
        }
    }
}
