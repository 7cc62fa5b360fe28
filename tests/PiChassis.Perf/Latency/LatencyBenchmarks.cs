namespace PiChassis.Perf.Latency;

/// <summary>Runs the latency benchmarks in order and prints each result as it comes; a count of 0 skips one.</summary>
public static class LatencyBenchmarks
{
    public static async Task RunAsync(PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Trips > 0)
        {
            Console.WriteLine();
            Console.WriteLine((await TripLatencyBenchmark.RunAsync(options.Trips)).Format());
        }

        if (options.Commands > 0)
        {
            Console.WriteLine();
            Console.WriteLine((await CommandLatencyBenchmark.RunAsync(options.Commands)).Format());
        }
    }
}
