namespace PiChassis.Perf.Latency;

/// <summary>Runs the latency benchmarks in order and prints each result as it comes.</summary>
public static class LatencyBenchmarks
{
    public static async Task RunAsync(PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine();
        Console.WriteLine((await TripLatencyBenchmark.RunAsync(options.Trips)).Format());
        Console.WriteLine();
        Console.WriteLine((await CommandLatencyBenchmark.RunAsync(options.Commands)).Format());
    }
}
