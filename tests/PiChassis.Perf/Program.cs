using PiChassis.Perf;

// PiChassis performance figures: I2C cost of a sampling sweep, the stock INA219 binding for
// comparison, and the footprint of published controller builds. Run through run.sh.
var options = PerfOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load {Footprint.LoadAverage()}");
Console.WriteLine();
Console.WriteLine(SweepBenchmark.Sampler(options.Slots, options.Sweeps).Format());
Console.WriteLine();
Console.WriteLine(SweepBenchmark.StockBinding(options.Slots, options.StockSweeps).Format());
foreach (var (label, path) in options.Controllers)
{
    Console.WriteLine();
    Console.WriteLine((await Footprint.MeasureAsync(label, path, options)).Format());
}

return 0;
