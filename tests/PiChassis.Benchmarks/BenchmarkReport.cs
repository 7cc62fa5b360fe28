using System.Globalization;
using PiChassis.Controller.Configuration;

namespace PiChassis.Benchmarks;

/// <summary>
/// Prints one run's figures: every replay, the ideal bound, the ratios and the targets; for a trace
/// of several days also the figures from day 2 against the learning policy's targets, and each day's.
/// </summary>
internal static class BenchmarkReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="restartAt">The minute of the trace at which the controller restarted; null: it ran through.</param>
    public static void Print(TextWriter output, DemandTrace trace, BenchmarkSettings settings, ReplayRuns runs, int? restartAt)
    {
        var days = trace.Days == 1 ? "" : I($", {trace.Days} days");
        var startsOn = trace.StartsOn is { } first ? I($", starting on a {first}") : "";
        Line(output, I($"trace {trace.Name}: {trace.Nodes.Count} min{days}{startsOn}, {trace.NodeMinutes} node-minutes needed, peak {trace.Peak} nodes"));
        Line(output, I($"chassis: {settings.Slots} x {BenchmarkSettings.Board.Name} (idle {BenchmarkSettings.Board.IdleW:F1} W, busy {settings.BusyW:F2} W at load {settings.LoadFraction:F2}), ")
            + I($"PSU {settings.PsuRatedW:F0} W, budget {settings.PsuBudgetW:F0} W"));
        Line(output, I($"sample interval {settings.SampleInterval.TotalSeconds:F1} s on a fake clock (the controller samples every 100 ms; 1 s keeps a day's replay to minutes, every run alike)"));
        Line(output, I($"policy: spare {settings.MinSpare}, idle timeout {settings.IdleTimeout.TotalSeconds:F0} s, min on-time {settings.MinOnTime.TotalSeconds:F0} s, hysteresis {settings.Hysteresis.TotalSeconds:F0} s, spare delay {settings.SpareDelay.TotalSeconds:F0} s"));
        Line(output, I($"hybrid histogram (ATC'20): idle times in 1-min bins up to its range ({string.Join(", ", HybridHistogramScheduler.Ranges)} min); pre-warm p{IdleTimeHistogram.HeadPercentile:F0} - {IdleTimeHistogram.Margin:P0}, ")
            + I($"keep-alive to p{IdleTimeHistogram.TailPercentile:F0} + {IdleTimeHistogram.Margin:P0}; keep-alive for the whole range under {IdleTimeHistogram.MinSamples} idle times or a bin CV <= {IdleTimeHistogram.MinCoefficientOfVariation:F0}"));
        Line(output, settings.Fan
            ? I($"fan: the controller's FanController on its default curve, as --simulate fits it; {ChassisFan.FullDutyW:F1} W at full duty, in proportion to the duty")
            : "fan: none (--no-fan)");
        Line(output, "energy: the simulator's exact figure for the boards, plus the fan; metered: the controller's own meter (the slots, not the fan); unmet: node-minutes needed while fewer nodes were up (phase on)");
        Line(output, I($"foresight: the least a schedule pays that knows every minute ahead and leaves nothing unmet: each idle gap kept warm or bridged by a halt and a just-in-time boot, at most {new PolicyOptions().DailyCycleBudget} power-ons per slot-day, no fan"));
        Line(output, I($"peak: the hottest exhaust air of the day; sheds: slots protection shed (load_shed; for heat from {new ProtectionOptions().ShedTemperatureC:F0} °C)"));
        Line(output, restartAt is { } restart
            ? I($"controller restart: day {(restart / DemandTrace.MinutesPerDay) + 1} at {restart % DemandTrace.MinutesPerDay / 60:D2}:{restart % 60:D2} (minute {restart}); the nodes run on, the learned profile comes back from the store")
            : "controller restart: none");
        output.WriteLine();
        if (trace.Days > 1)
        {
            Line(output, I($"whole run, days 1-{trace.Days}:"));
        }

        Table(output, runs, IdealWh(trace, settings, 0, trace.Days), ForesightBound.EnergyWh(trace, settings, 0, trace.Days), withWall: true);
        output.WriteLine();
        var (policy, slurmWh, histogramWh) = Compare(output, runs, IdealWh(trace, settings, 0, trace.Days));
        if (trace.Days == 1)
        {
            var ratio = policy.EnergyWh / runs.AlwaysOn.EnergyWh;
            Line(output, I($"learning policy's targets: /always-on <= 0.5 {Verdict(ratio <= 0.5)}; unmet <= 1 % {Verdict(policy.UnmetShare <= 0.01)}; ")
                + I($"<= 12 relay cycles per slot per day {Verdict(policy.MaxCyclesPerSlotPerDay <= 12)}; below the slurm curve {Verdict(policy.EnergyWh < slurmWh)}; ")
                + I($"below the histogram curve {Verdict(policy.EnergyWh < histogramWh)}"));
            return;
        }

        // The first day has no history to learn from; issue 19's targets start on the second.
        var later = runs.FromDay(1);
        var laterIdealWh = IdealWh(trace, settings, 1, trace.Days - 1);
        output.WriteLine();
        Line(output, I($"from day 2, days 2-{trace.Days}:"));
        Table(output, later, laterIdealWh, ForesightBound.EnergyWh(trace, settings, 1, trace.Days - 1), withWall: false);
        output.WriteLine();
        (policy, slurmWh, histogramWh) = Compare(output, later, laterIdealWh);
        // Every day counts for wear, not the week's average: a slot cycled 13 times on Sunday missed the target that day.
        var worstCycles = Enumerable.Range(0, later.Learning.Days).Max(d => later.Learning.OnDay(d).MaxCyclesPerSlotPerDay);
        Line(output, I($"learning policy's targets from day 2 (issue 19; today's reactive policy is the baseline): unmet <= 0.5 % {Verdict(policy.UnmetShare <= 0.005)}; ")
            + I($"energy <= 1.12 x ideal {Verdict(policy.EnergyWh <= 1.12 * laterIdealWh)}; <= 12 relay cycles per slot per day (most worn slot on its worst day: {worstCycles:F0}) {Verdict(worstCycles <= 12)}; ")
            + I($"below the slurm curve {Verdict(policy.EnergyWh < slurmWh)}; below the histogram curve {Verdict(policy.EnergyWh < histogramWh)}"));
        output.WriteLine();
        Line(output, "per day (cycles: power-ons per slot that day, mean and most worn slot):");
        Line(output, I($"{"day",-7} {"run",-30} {"needed",7} {"energy Wh",10} {"/ideal",7} {"unmet n-min",12} {"unmet %",8} {"cycles mean",12} {"max",5}"));
        for (var day = 0; day < trace.Days; day++)
        {
            var label = I($"{day + 1}{(trace.WeekdayOf(day) is { } weekday ? " " + weekday.ToString()[..3] : "")}");
            var idealWh = IdealWh(trace, settings, day, 1);
            foreach (var r in runs.OnDay(day).All)
            {
                Line(output, I($"{label,-7} {r.Name,-30} {r.NeededNodeMinutes,7:F0} {r.EnergyWh,10:F1} {(idealWh > 0 ? I($"{r.EnergyWh / idealWh:F3}") : "-"),7} {r.UnmetNodeMinutes,12:F1} {r.UnmetShare * 100,8:F2} {r.MeanCyclesPerSlotPerDay,12:F1} {r.MaxCyclesPerSlotPerDay,5:F0}"));
            }
        }
    }

    /// <summary>The ideal's energy over <paramref name="count"/> days from <paramref name="firstDay"/>: each needed node busy, nothing else on, free boots, no fan.</summary>
    private static double IdealWh(DemandTrace trace, BenchmarkSettings settings, int firstDay, int count) =>
        settings.BusyW * Enumerable.Range(firstDay, count).Sum(trace.NodeMinutesOn) / 60;

    private static void Table(TextWriter output, ReplayRuns runs, double idealWh, double foresightWh, bool withWall)
    {
        var alwaysOn = runs.AlwaysOn;
        var wall = withWall ? I($" {"wall s",7}") : "";
        Line(output, I($"{"run",-30} {"energy Wh",10} {"fan Wh",7} {"metered Wh",11} {"/always-on",10} {"/ideal",7} {"unmet n-min",12} {"unmet %",8} {"cycles/slot/day mean",21} {"max",5} {"peak °C",8} {"sheds",6}{wall}"));
        foreach (var r in runs.All)
        {
            Line(output, I($"{r.Name,-30} {r.EnergyWh,10:F1} {r.FanWh,7:F1} {r.MeteredWh,11:F1} {r.EnergyWh / alwaysOn.EnergyWh,10:F3} {r.EnergyWh / idealWh,7:F3} ")
                + I($"{r.UnmetNodeMinutes,12:F1} {r.UnmetShare * 100,8:F2} {r.MeanCyclesPerSlotPerDay,21:F1} {r.MaxCyclesPerSlotPerDay,5:F0} {r.PeakExhaustC,8:F1} {r.Sheds,6}")
                + (withWall ? I($" {r.Wall.TotalSeconds,7:F0}") : ""));
        }

        Line(output, I($"{"ideal (lower bound)",-30} {idealWh,10:F1} {"",7} {"",11} {idealWh / alwaysOn.EnergyWh,10:F3} {1,7:F3} {0,12:F1} {0,8:F2}"));
        Line(output, I($"{"foresight (knows every minute)",-30} {foresightWh,10:F1} {"",7} {"",11} {foresightWh / alwaysOn.EnergyWh,10:F3} {foresightWh / idealWh,7:F3} {0,12:F1} {0,8:F2}"));
    }

    /// <summary>Prints the learning policy (the issue's subject) against always-on, the ideal, the Slurm curve and the paper's peer's curve; returns the two curves' energy at the policy's unmet.</summary>
    private static (ReplayResult Policy, double SlurmWh, double HistogramWh) Compare(TextWriter output, ReplayRuns runs, double idealWh)
    {
        var policy = runs.Learning;
        var slurmWh = new PeerCurve(runs.Slurm).EnergyAt(policy.UnmetShare, out var how);
        Line(output, I($"today's policy: /always-on {runs.Policy.EnergyWh / runs.AlwaysOn.EnergyWh:F3}, /ideal {runs.Policy.EnergyWh / idealWh:F3}, unmet {runs.Policy.UnmetShare * 100:F2} %"));
        Line(output, I($"learning policy: /always-on {policy.EnergyWh / runs.AlwaysOn.EnergyWh:F3}, /ideal {policy.EnergyWh / idealWh:F3}, unmet {policy.UnmetShare * 100:F2} %"));
        Line(output, I($"slurm curve at the policy's unmet {policy.UnmetShare * 100:F2} %: {slurmWh:F1} Wh ({how}); policy {policy.EnergyWh:F1} Wh, ")
            + I($"{(slurmWh - policy.EnergyWh) / slurmWh * 100:F1} % below"));
        var histogramWh = new PeerCurve(runs.Histogram).EnergyAt(policy.UnmetShare, out var histogramHow);
        Line(output, I($"hybrid histogram curve at the policy's unmet {policy.UnmetShare * 100:F2} %: {histogramWh:F1} Wh ({histogramHow}); policy {policy.EnergyWh:F1} Wh, ")
            + I($"{(histogramWh - policy.EnergyWh) / histogramWh * 100:F1} % below"));
        return (policy, slurmWh, histogramWh);
    }

    private static string Verdict(bool ok) => ok ? "PASS" : "FAIL";

    private static void Line(TextWriter output, string text) => output.WriteLine(text);

    private static string I(FormattableString text) => text.ToString(Invariant);
}
