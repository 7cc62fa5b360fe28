namespace PiChassis.Perf.Latency;

/// <summary>
/// Runs the latency benchmarks in order and prints each result as it comes; a count of 0 skips one.
/// The trip runs twice, side by side: on the normal store and on one that stalls every commit.
/// </summary>
public static class LatencyBenchmarks
{
    /// <summary>The trip is measured again on a store this slow on every commit: protection must not notice.</summary>
    public static readonly TimeSpan StoreStall = TimeSpan.FromMilliseconds(500);

    public static async Task RunAsync(PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Trips > 0)
        {
            Console.WriteLine();
            Console.WriteLine((await TripLatencyBenchmark.RunAsync(options.Trips)).Format());
            Console.WriteLine();
            Console.WriteLine((await TripLatencyBenchmark.RunAsync(options.Trips, StoreStall)).Format());
        }

        if (options.Commands > 0)
        {
            Console.WriteLine();
            Console.WriteLine((await CommandLatencyBenchmark.RunAsync(options.Commands)).Format());
        }
    }
}
