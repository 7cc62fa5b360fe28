using System.Globalization;

namespace PiChassis.Perf.Latency;

/// <summary>Percentiles of a set of measured latencies (nearest rank, so p99 of 200 is the 198th).</summary>
public sealed record LatencySummary(int Count, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static LatencySummary Of(IEnumerable<TimeSpan> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        var sorted = latencies.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        TimeSpan Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1]);
    }

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";

    public string Format() => $"p50 {Ms(P50)}, p99 {Ms(P99)}, max {Ms(Max)} (n={Count})";
}
