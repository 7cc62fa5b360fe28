using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// The inrush of each simulated board: the surge as a scope would see it, what the controller
/// learns of it from its sweeps, and the stagger between power-ons that follows.
/// </summary>
internal static class InrushFigures
{
    private static readonly TimeSpan ScopeStep = TimeSpan.FromMilliseconds(1);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(TextWriter output, BenchmarkSettings settings)
    {
        output.WriteLine(string.Create(Invariant, $"inrush of the simulated boards (scope: the simulator read every {ScopeStep.TotalMilliseconds:F0} ms; ")
            + string.Create(Invariant, $"controller: what it learns from its {settings.SampleInterval.TotalMilliseconds:F0} ms sweeps, and the gap between two power-ons of a fresh controller):"));
        foreach (var profile in new[] { PiProfile.Pi3BPlus, PiProfile.Pi4B, PiProfile.Pi5 })
        {
            output.WriteLine(Line(profile, settings));
        }
    }

    private static string Line(PiProfile profile, BenchmarkSettings settings)
    {
        var (peakA, surge) = Scope(profile);
        using var rig = new SimulatedRig(slots: 2, model: m => m.DefaultBoard = profile);
        rig.Sampling.Interval = settings.SampleInterval;
        rig.Execute(1, SlotAction.On);
        rig.Execute(2, SlotAction.On);
        rig.Run(rig.Power.StaggerInterval + settings.SampleInterval);
        var powerOns = rig.EventsOf(EventTypes.PowerOn).Select(e => e.At).ToList();
        var learned = rig.Engine.Persisted(1).LearnedInrush ?? TimeSpan.Zero;
        return string.Create(Invariant, $"  {profile.Name}: surge {peakA:F2} A at its peak, above the boot curve's {profile.PeakBootW / 5:F2} A for {surge.TotalMilliseconds:F0} ms; ")
            + string.Create(Invariant, $"the controller learns {learned.TotalMilliseconds:F0} ms; stagger {(powerOns[1] - powerOns[0]).TotalMilliseconds:F0} ms");
    }

    /// <summary>Peak current after power, and how long the draw stays above the boot curve's peak, read every <see cref="ScopeStep"/>.</summary>
    private static (double PeakA, TimeSpan Surge) Scope(PiProfile profile)
    {
        var time = new FakeTimeProvider();
        var chassis = new SimulatedChassis(time, new ChassisModelOptions { SlotCount = 1, DefaultBoard = profile });
        var slot = chassis.Slot(1);
        slot.SetRelay(true);
        var peakA = 0.0;
        var surge = TimeSpan.Zero;
        for (var since = TimeSpan.Zero; since < TimeSpan.FromSeconds(1); since += ScopeStep)
        {
            peakA = Math.Max(peakA, slot.CurrentA);
            surge = slot.PowerW > profile.PeakBootW ? since + ScopeStep : surge;
            time.Advance(ScopeStep);
        }

        return (peakA, surge);
    }
}
