using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>Builds the rig every run uses: the same chassis, supply and engine settings.</summary>
internal static class BenchmarkChassis
{
    /// <param name="start">When the clock starts; <see cref="SimulatedRig.Start"/> when null.</param>
    public static SimulatedRig Create(BenchmarkSettings settings, bool startPowered, DateTimeOffset? start = null)
    {
        var rig = new SimulatedRig(
            slots: settings.Slots,
            model: m =>
            {
                m.DefaultBoard = BenchmarkSettings.Board;
                m.PsuRatedW = settings.PsuRatedW;
                m.PsuInternalResistanceOhm = 0.010;
            },
            power: p => p.PsuBudgetW = settings.PsuBudgetW,
            startPowered: startPowered,
            start: start);
        rig.Sampling.Interval = settings.SampleInterval;
        return rig;
    }
}
