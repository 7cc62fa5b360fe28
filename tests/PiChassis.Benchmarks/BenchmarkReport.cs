using System.Globalization;
using PiChassis.Controller.Configuration;

namespace PiChassis.Benchmarks;

/// <summary>Prints one run's figures: every replay, the ideal bound, the ratios and the targets.</summary>
internal static class BenchmarkReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(TextWriter output, DemandTrace trace, BenchmarkSettings settings, IReadOnlyList<ReplayResult> results)
    {
        var alwaysOn = results[0];
        var policy = results[1];
        var peers = results.Skip(2).ToList();
        var idealWh = settings.BusyW * trace.NodeMinutes / 60;

        Line(output, I($"trace {trace.Name}: {trace.Nodes.Count} min, {trace.NodeMinutes} node-minutes needed, peak {trace.Peak} nodes"));
        Line(output, I($"chassis: {settings.Slots} x {BenchmarkSettings.Board.Name} (idle {BenchmarkSettings.Board.IdleW:F1} W, busy {settings.BusyW:F2} W at load {settings.LoadFraction:F2}), ")
            + I($"PSU {settings.PsuRatedW:F0} W, budget {settings.PsuBudgetW:F0} W"));
        Line(output, I($"sample interval {settings.SampleInterval.TotalSeconds:F1} s on a fake clock (the controller samples every 100 ms; 1 s keeps a day's replay to minutes, every run alike)"));
        Line(output, I($"policy: spare {settings.MinSpare}, idle timeout {settings.IdleTimeout.TotalSeconds:F0} s, min on-time {settings.MinOnTime.TotalSeconds:F0} s, hysteresis {settings.Hysteresis.TotalSeconds:F0} s, spare delay {settings.SpareDelay.TotalSeconds:F0} s"));
        Line(output, settings.Fan
            ? I($"fan: the controller's FanController on its default curve, as --simulate fits it; {ChassisFan.FullDutyW:F1} W at full duty, in proportion to the duty")
            : "fan: none (--no-fan)");
        Line(output, "energy: the simulator's exact figure for the boards, plus the fan; metered: the controller's own meter (the slots, not the fan); unmet: node-minutes needed while fewer nodes were up (phase on)");
        Line(output, I($"peak: the hottest exhaust air of the day; sheds: slots protection shed (load_shed; for heat from {new ProtectionOptions().ShedTemperatureC:F0} °C)"));
        output.WriteLine();
        Line(output, I($"{"run",-26} {"energy Wh",10} {"fan Wh",7} {"metered Wh",11} {"/always-on",10} {"/ideal",7} {"unmet n-min",12} {"unmet %",8} {"cycles/slot/day mean",21} {"max",5} {"peak °C",8} {"sheds",6} {"wall s",7}"));
        foreach (var r in results)
        {
            Line(output, I($"{r.Name,-26} {r.EnergyWh,10:F1} {r.FanWh,7:F1} {r.MeteredWh,11:F1} {r.EnergyWh / alwaysOn.EnergyWh,10:F3} {r.EnergyWh / idealWh,7:F3} ")
                + I($"{r.UnmetNodeMinutes,12:F1} {r.UnmetShare * 100,8:F2} {r.MeanCyclesPerSlotPerDay,21:F1} {r.MaxCyclesPerSlotPerDay,5:F0} {r.PeakExhaustC,8:F1} {r.Sheds,6} {r.Wall.TotalSeconds,7:F0}"));
        }

        Line(output, I($"{"ideal (lower bound)",-26} {idealWh,10:F1} {"",7} {"",11} {idealWh / alwaysOn.EnergyWh,10:F3} {1,7:F3} {0,12:F1} {0,8:F2}"));
        output.WriteLine();

        var curve = new SlurmCurve(peers);
        var peerWh = curve.EnergyAt(policy.UnmetShare, out var how);
        var ratio = policy.EnergyWh / alwaysOn.EnergyWh;
        Line(output, I($"policy/always-on {ratio:F3}, policy/ideal {policy.EnergyWh / idealWh:F3}"));
        Line(output, I($"slurm curve at the policy's unmet {policy.UnmetShare * 100:F2} %: {peerWh:F1} Wh ({how}); policy {policy.EnergyWh:F1} Wh, ")
            + I($"{(peerWh - policy.EnergyWh) / peerWh * 100:F1} % below"));
        Line(output, I($"targets: policy/always-on <= 0.5 {Verdict(ratio <= 0.5)}; unmet <= 1 % {Verdict(policy.UnmetShare <= 0.01)}; ")
            + I($"<= 12 relay cycles per slot per day {Verdict(policy.MaxCyclesPerSlotPerDay <= 12)}; below the slurm curve {Verdict(policy.EnergyWh < peerWh)}"));
    }

    private static string Verdict(bool ok) => ok ? "PASS" : "FAIL";

    private static void Line(TextWriter output, string text) => output.WriteLine(text);

    private static string I(FormattableString text) => text.ToString(Invariant);
}
