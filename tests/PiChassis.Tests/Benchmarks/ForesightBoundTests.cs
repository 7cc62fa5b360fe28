using PiChassis.Benchmarks;

namespace PiChassis.Tests.Benchmarks;

/// <summary>The foresight floor: gaps bridged by a cycle where that is cheaper, within the daily cycle budget.</summary>
public class ForesightBoundTests
{
    private static readonly BenchmarkSettings OneSlot = new() { Slots = 1 };

    [Fact]
    public void EnergyWh_LongGap_BridgedByOneCycleLikeTheFirstBoot()
    {
        var single = Overhead(Runs(1, gapMinutes: 0));

        var twice = Overhead(Runs(2, gapMinutes: 30));

        Assert.True(single > 0);
        Assert.Equal(2 * single, twice, precision: 9);
    }

    [Fact]
    public void EnergyWh_MoreGapsThanTheCycleBudget_TheRestKeptWarm()
    {
        var single = Overhead(Runs(1, gapMinutes: 0));
        const int Budget = 12;

        // Fourteen runs: the first boot and eleven cycles spend the budget; two 30-minute gaps stay warm.
        var overhead = Overhead(Runs(Budget + 2, gapMinutes: 30));

        var keptWh = 2 * 30 * BenchmarkSettings.Board.IdleW / 60;
        Assert.Equal((Budget * single) + keptWh, overhead, precision: 9);
    }

    [Fact]
    public void EnergyWh_BusyAtTheSpansStart_NoBootCounted()
    {
        List<int> nodes = [.. Enumerable.Repeat(1, DemandTrace.MinutesPerDay * 2)];
        var trace = new DemandTrace("busy", nodes);

        var secondDay = ForesightBound.EnergyWh(trace, OneSlot, 1, 1);

        Assert.Equal(OneSlot.BusyW * DemandTrace.MinutesPerDay / 60, secondDay, precision: 9);
    }

    private static DemandTrace Runs(int count, int gapMinutes)
    {
        var nodes = new int[DemandTrace.MinutesPerDay];
        for (var run = 0; run < count; run++)
        {
            var start = 60 + (run * (10 + gapMinutes));
            Array.Fill(nodes, 1, start, 10);
        }

        return new DemandTrace("runs", nodes);
    }

    private static double Overhead(DemandTrace trace) =>
        ForesightBound.EnergyWh(trace, OneSlot, 0, 1) - (OneSlot.BusyW * trace.Nodes.Sum() / 60);
}
