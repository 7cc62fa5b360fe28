using PiChassis.Perf;
using PiChassis.Perf.Latency;

// PiChassis performance figures: I2C cost of a sampling sweep, the stock INA219 binding for
// comparison, the footprint of published controller builds, protection trip and command latency.
// Run through run.sh.
var options = PerfOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load {Footprint.LoadAverage()}");
if (options.LatencyOnly)
{
    await LatencyBenchmarks.RunAsync(options);
    return 0;
}

Console.WriteLine();
Console.WriteLine(SweepBenchmark.Sampler(options.Slots, options.Sweeps).Format());
Console.WriteLine();
Console.WriteLine(SweepBenchmark.StockBinding(options.Slots, options.StockSweeps).Format());
foreach (var (label, path) in options.Controllers)
{
    Console.WriteLine();
    Console.WriteLine((await Footprint.MeasureAsync(label, path, options)).Format());
}

await LatencyBenchmarks.RunAsync(options);
return 0;
