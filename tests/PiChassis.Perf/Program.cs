using PiChassis.Perf;
using PiChassis.Perf.Fleet;
using PiChassis.Perf.Latency;

// PiChassis performance figures: I2C cost of a sampling sweep, the stock INA219 binding for
// comparison, the footprint of published controller builds and a fleet of them, protection trip
// and command latency. Run through run.sh.
var options = PerfOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load {Footprint.LoadAverage()}");
if (options.Only is null)
{
    Console.WriteLine();
    Console.WriteLine(SweepBenchmark.Sampler(options.Slots, options.Sweeps).Format());
    Console.WriteLine();
    Console.WriteLine(SweepBenchmark.StockBinding(options.Slots, options.StockSweeps).Format());
}

if (options.Only is null or "fleet")
{
    foreach (var (label, path) in options.Controllers)
    {
        Console.WriteLine();
        Console.WriteLine((await Footprint.MeasureAsync(label, path, options)).Format());
    }

    if (options.Controllers.Count > 0 && options.JitController is { } jit)
    {
        Console.WriteLine();
        Console.WriteLine(await AotParity.CompareAsync(options.Controllers[0].Path, jit, options));
    }

    if (options.Controllers.Count > 0 && options.Cli is { } cli && options.FleetSize > 0)
    {
        Console.WriteLine();
        Console.WriteLine((await FleetBenchmark.MeasureAsync(options.Controllers[0].Path, cli, options)).Format());
    }
}

if (options.Only is null or "latency")
{
    await LatencyBenchmarks.RunAsync(options);
}

return 0;
