using System.Globalization;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// What a cold start of the whole chassis costs with today's admission: demand jumps from 0 to
/// every slot; the scheduler asks the policy for it, and the engine powers the slots on one per
/// stagger interval while the supply has room for their boot reservation. Measured on a fresh
/// controller (boot peaks not yet learned, so each boot reserves the default) and again on the same
/// controller once every slot has booted (each reserves its measured peak plus 10 %), the way a
/// nightly wave finds it. The fan is left out: ten minutes do not warm the chassis.
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
            + string.Create(Invariant, $"admission: one power-on per {power.StaggerInterval.TotalSeconds:F0} s stagger while booting slots fit in budget {power.PsuBudgetW:F0} W - headroom {power.HeadroomW:F0} W, ")
            + string.Create(Invariant, $"each reserving {power.DefaultBootPeakW:F1} W until it has measured boots, then its measured peak x 1.1"));
        Measure(output, rig, scheduler, work, settings.Slots, "fresh controller");
        Measure(output, rig, scheduler, work, settings.Slots, "boot peaks learned");
        output.WriteLine();
        output.WriteLine("boot draw of the simulated profiles (the simulator models no inrush apart from its boot curve; inrush here: the curve above half-way from idle to its peak):");
        foreach (var profile in new[] { PiProfile.Pi3BPlus, PiProfile.Pi4B, PiProfile.Pi5 })
        {
            output.WriteLine(Inrush(profile));
        }
    }

    private static void Measure(TextWriter output, SimulatedRig rig, CapacityScheduler scheduler, WorkAssigner work, int slots, string label)
    {
        var start = rig.Time.GetUtcNow();
        var poweredAt = new List<double>();
        var servedAt = new double[slots + 1];
        var unmet = 0.0;
        var stepMinutes = rig.Sampling.Interval.TotalMinutes;
        var booting = rig.Engine.States.Count(s => s.Phase == SlotPhase.Booting);
        Run(rig, scheduler, work, slots, Wave, served =>
        {
            var now = (rig.Time.GetUtcNow() - start).TotalSeconds;
            unmet += (slots - served) * stepMinutes;
            for (var k = 1; k <= served; k++)
            {
                servedAt[k] = servedAt[k] == 0 ? now : servedAt[k];
            }

            var bootingNow = rig.Engine.States.Count(s => s.Phase == SlotPhase.Booting);
            poweredAt.AddRange(Enumerable.Repeat(now, Math.Max(0, bootingNow - booting)));
            booting = bootingNow;
        });
        var most = poweredAt.Count == 0 ? 0 : poweredAt.Max();
        output.WriteLine(string.Create(Invariant, $"  {label}: {unmet:F1} node-minutes unmet ({unmet / (slots * Wave.TotalMinutes) * 100:F1} % of the first {Wave.TotalMinutes:F0} min); ")
            + string.Create(Invariant, $"first node serving after {servedAt[1]:F0} s, all {slots} after {servedAt[slots]:F0} s; last power-on at {most:F0} s"));
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

    private static string Inrush(PiProfile profile)
    {
        var peakAt = profile.BootCurve.MaxBy(p => p.PowerW).AtS;
        var half = profile.IdleW + ((profile.PeakBootW - profile.IdleW) / 2);
        var above = Enumerable.Range(0, (int)(profile.BootDurationS * 100)).Select(i => i / 100.0).Where(t => profile.BootPowerW(t) > half).ToList();
        return string.Create(Invariant, $"  {profile.Name}: peak {profile.PeakBootW:F1} W at {peakAt:F0} s; above {half:F2} W from {above[0]:F1} s to {above[^1]:F1} s ({above[^1] - above[0]:F1} s); booted (idle {profile.IdleW:F1} W) at {profile.BootDurationS:F0} s");
    }
}
