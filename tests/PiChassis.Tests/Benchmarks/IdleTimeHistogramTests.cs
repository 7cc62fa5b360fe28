using PiChassis.Benchmarks;

namespace PiChassis.Tests.Benchmarks;

/// <summary>The benchmark's hybrid histogram peer: the windows it takes from its idle times.</summary>
public class IdleTimeHistogramTests
{
    [Fact]
    public void Windows_TimerEveryHour_PreWarmsJustBeforeAndKeepsAliveThroughTheBin()
    {
        var histogram = Filled((TimeSpan.FromMinutes(60.5), 20));

        var windows = histogram.Windows();

        Assert.True(windows.FromHistogram);
        Assert.Equal(60 * 0.9, windows.PreWarm.TotalMinutes, 6);
        Assert.Equal((61 * 1.1) - (60 * 0.9), windows.KeepAlive.TotalMinutes, 6);
    }

    [Fact]
    public void Windows_HeadAndTail_FifthAndNinetyNinthPercentilesWithTheirMargins()
    {
        var histogram = Filled((TimeSpan.FromMinutes(2), 5), (TimeSpan.FromMinutes(30), 90), (TimeSpan.FromMinutes(50), 5));

        var windows = histogram.Windows();

        Assert.True(windows.FromHistogram);
        Assert.Equal(2 * 0.9, windows.PreWarm.TotalMinutes, 6);
        Assert.Equal((51 * 1.1) - (2 * 0.9), windows.KeepAlive.TotalMinutes, 6);
    }

    [Fact]
    public void Windows_IdleTimesUnderAMinute_NoPreWarmKeepsTheNodeOn()
    {
        var histogram = Filled((TimeSpan.FromSeconds(30), 50), (TimeSpan.FromMinutes(10), 50));

        var windows = histogram.Windows();

        Assert.Equal(TimeSpan.Zero, windows.PreWarm);
        Assert.Equal(11 * 1.1, windows.KeepAlive.TotalMinutes, 6);
    }

    [Fact]
    public void Windows_TooFewIdleTimes_FixedKeepAlive()
    {
        var histogram = Filled((TimeSpan.FromMinutes(30), IdleTimeHistogram.MinSamples - 1));

        Assert.Equal(histogram.Fixed, histogram.Windows());
    }

    [Fact]
    public void Windows_IdleTimesSpreadOverTheRange_FixedKeepAlive()
    {
        var histogram = new IdleTimeHistogram();
        for (var minute = 0; minute < histogram.RangeMinutes; minute++)
        {
            histogram.Record(TimeSpan.FromMinutes(minute));
        }

        Assert.Equal(0, histogram.CoefficientOfVariation(), 6);
        Assert.Equal(histogram.Fixed, histogram.Windows());
    }

    [Fact]
    public void Windows_MostIdleTimesBeyondTheRange_FixedKeepAlive()
    {
        var histogram = Filled((TimeSpan.FromMinutes(30), 10), (TimeSpan.FromHours(5), 11));

        Assert.Equal(21, histogram.Samples);
        Assert.Equal(histogram.Fixed, histogram.Windows());
    }

    [Fact]
    public void Fixed_KeepsAliveForTheWholeRangeWithoutPreWarming()
    {
        var histogram = new IdleTimeHistogram();
        Assert.False(histogram.Fixed.FromHistogram);
        Assert.Equal(TimeSpan.Zero, histogram.Fixed.PreWarm);
        Assert.Equal(TimeSpan.FromHours(4), histogram.Fixed.KeepAlive);
    }

    [Fact]
    public void Windows_ShorterRange_IdleTimesBeyondItCountApartAndTheFixedKeepAliveIsTheRange()
    {
        var histogram = new IdleTimeHistogram(rangeMinutes: 30);
        for (var i = 0; i < 20; i++)
        {
            histogram.Record(TimeSpan.FromMinutes(45));
        }

        Assert.Equal(20, histogram.Samples);
        Assert.Equal(TimeSpan.FromMinutes(30), histogram.Windows().KeepAlive);
        Assert.False(histogram.Windows().FromHistogram);
    }

    private static IdleTimeHistogram Filled(params (TimeSpan Idle, int Count)[] idleTimes)
    {
        var histogram = new IdleTimeHistogram();
        foreach (var (idle, count) in idleTimes)
        {
            for (var i = 0; i < count; i++)
            {
                histogram.Record(idle);
            }
        }

        return histogram;
    }
}
