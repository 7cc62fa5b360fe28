using PiChassis.Controller.Configuration;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Benchmarks;

/// <summary>
/// The least energy of a schedule that knows every minute ahead and leaves nothing unmet, on the
/// simulated board: demand stacked on the slots in levels (node k busy while k or more are needed),
/// each idle gap of a level either kept warm or bridged by a halt and a boot that ends just in time,
/// whichever costs less, with at most the daily cycle budget of power-ons per slot (spread over the
/// slots); no fan. It is the floor under every policy: what a forecasting policy pays above it is what
/// its forecast cannot know, and the ideal's free boots and perfect gaps are below it.
/// </summary>
internal static class ForesightBound
{
    public static double EnergyWh(DemandTrace trace, BenchmarkSettings settings, int firstDay, int count)
    {
        var board = BenchmarkSettings.Board;
        var cycleWh = BootWh(board) + (board.HaltingS * board.IdleW / 3600);
        var (powerOns, gaps) = Levels(trace, settings.Slots, firstDay, count);
        var overheadWh = 0.0;
        for (var day = 0; day < count; day++)
        {
            // The longest gaps save the most by a cycle; the day's power-ons are the budget's to spend.
            var budget = (settings.Slots * new PolicyOptions().DailyCycleBudget) - powerOns[day];
            overheadWh += powerOns[day] * cycleWh;
            foreach (var minutes in gaps[day].OrderDescending())
            {
                var keepWh = minutes * board.IdleW / 60;
                var cycle = budget > 0 && cycleWh < keepWh;
                overheadWh += cycle ? cycleWh : keepWh;
                budget -= cycle ? 1 : 0;
            }
        }

        return (settings.BusyW * Enumerable.Range(firstDay, count).Sum(trace.NodeMinutesOn) / 60) + overheadWh;
    }

    /// <summary>Per day: the levels' first power-ons (none for a level busy when the span starts), and the idle gaps between a level's busy runs, by the day the next run starts.</summary>
    private static (int[] PowerOns, List<int>[] Gaps) Levels(DemandTrace trace, int slots, int firstDay, int count)
    {
        var from = firstDay * DemandTrace.MinutesPerDay;
        var to = (firstDay + count) * DemandTrace.MinutesPerDay;
        var powerOns = new int[count];
        var gaps = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var level = 1; level <= slots; level++)
        {
            int? lastEnd = from > 0 && trace.Nodes[from - 1] >= level ? from : null;
            var minute = from;
            while (minute < to)
            {
                if (trace.Nodes[minute] < level)
                {
                    minute++;
                    continue;
                }

                var day = (minute - from) / DemandTrace.MinutesPerDay;
                if (lastEnd is not { } end)
                {
                    powerOns[day]++;
                }
                else if (minute > end)
                {
                    gaps[day].Add(minute - end);
                }

                while (minute < to && trace.Nodes[minute] >= level)
                {
                    minute++;
                }

                lastEnd = minute;
            }
        }

        return (powerOns, gaps);
    }

    /// <summary>A boot's energy from the board's boot curve, its inrush included (10 ms steps).</summary>
    private static double BootWh(PiProfile board)
    {
        const double StepS = 0.01;
        var joules = 0.0;
        for (var t = 0.0; t < board.BootDurationS; t += StepS)
        {
            joules += board.BootPowerW(t) * StepS;
        }

        return joules / 3600;
    }
}
