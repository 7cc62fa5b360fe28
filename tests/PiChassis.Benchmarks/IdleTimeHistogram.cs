namespace PiChassis.Benchmarks;

/// <summary>
/// The idle-time histogram of the hybrid histogram policy in "Serverless in the Wild" (Shahrad et
/// al., USENIX ATC 2020, section 4.2), adapted from a function's invocations to a chassis' nodes:
/// one-minute bins up to a range (the paper's default 4 hours; it also shows shorter ones, trading
/// cold starts for less idle memory), idle times beyond the range counted apart. The pre-warm
/// window is the 5th percentile less a 10 % margin, the keep-alive window runs from there to the
/// 99th percentile plus a 10 % margin. The paper trusts a histogram only when it has enough idle
/// times and their bin counts have a coefficient of variation above 2 (times spread evenly over
/// the bins give a low one, a pattern a high one); otherwise, as when most idle times are beyond
/// the range (where the paper switches to ARIMA, not modelled here), it keeps a node alive for the
/// whole range with no pre-warming, its fixed keep-alive.
/// </summary>
internal sealed class IdleTimeHistogram(int rangeMinutes = IdleTimeHistogram.DefaultRangeMinutes)
{
    public const int DefaultRangeMinutes = 240;

    public const double HeadPercentile = 5;

    public const double TailPercentile = 99;

    public const double Margin = 0.10;

    /// <summary>Fewer idle times than this say nothing yet.</summary>
    public const int MinSamples = 10;

    public const double MinCoefficientOfVariation = 2;

    private readonly long[] _bins = new long[rangeMinutes];

    private long _outOfBounds;

    public int RangeMinutes => rangeMinutes;

    /// <summary>The fixed keep-alive: the whole range, no pre-warming.</summary>
    public HistogramWindows Fixed { get; } = new(TimeSpan.Zero, TimeSpan.FromMinutes(rangeMinutes), FromHistogram: false);

    public long Samples => _bins.Sum() + _outOfBounds;

    public void Record(TimeSpan idle)
    {
        var minute = (long)Math.Max(0, idle.TotalMinutes);
        if (minute >= RangeMinutes)
        {
            _outOfBounds++;
        }
        else
        {
            _bins[minute]++;
        }
    }

    /// <summary>The coefficient of variation of the bin counts (0 for an empty histogram).</summary>
    public double CoefficientOfVariation()
    {
        var mean = _bins.Average();
        return mean == 0 ? 0 : Math.Sqrt(_bins.Average(b => (b - mean) * (b - mean))) / mean;
    }

    public HistogramWindows Windows()
    {
        var inRange = _bins.Sum();
        if (inRange < MinSamples || _outOfBounds > inRange || CoefficientOfVariation() <= MinCoefficientOfVariation)
        {
            return Fixed;
        }

        // The head cuts at its bin's lower edge, the tail at its bin's upper edge, so each margin widens the window.
        var head = TimeSpan.FromMinutes(Percentile(HeadPercentile, inRange) * (1 - Margin));
        var tail = TimeSpan.FromMinutes((Percentile(TailPercentile, inRange) + 1) * (1 + Margin));
        return new HistogramWindows(head, tail - head, FromHistogram: true);
    }

    /// <summary>The first bin at which the cumulative count reaches <paramref name="percentile"/> % of the idle times in range.</summary>
    private int Percentile(double percentile, long inRange)
    {
        var needed = percentile / 100 * inRange;
        long cumulative = 0;
        for (var bin = 0; bin < _bins.Length; bin++)
        {
            cumulative += _bins[bin];
            if (cumulative >= needed)
            {
                return bin;
            }
        }

        return _bins.Length - 1;
    }
}
