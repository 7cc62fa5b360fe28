using PiChassis.Benchmarks;

var arguments = BenchmarkArguments.Parse(args);
if (arguments.ShowHelp)
{
    Console.WriteLine(BenchmarkArguments.Usage);
    return 0;
}

if (arguments.Errors.Count > 0)
{
    arguments.Errors.ForEach(e => Console.Error.WriteLine($"error: {e}"));
    return 2;
}

if (arguments is { GeneratePath: { } output, Generator: { } generator })
{
    var seed = arguments.Seed ?? generator.DefaultSeed;
    try
    {
        File.WriteAllText(output, generator.Generate(seed, arguments.Settings.Slots));
    }
    catch (Exception e) when (e is FormatException or IOException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }

    Console.WriteLine($"wrote {output} ({generator.Name}, seed {seed})");
    return 0;
}

if (arguments.ColdStart)
{
    ColdStart.Print(Console.Out, arguments.Settings);
    return 0;
}

var path = arguments.TracePath ?? RepositoryPaths.DefaultTrace();
if (path is null || !File.Exists(path))
{
    Console.Error.WriteLine($"error: no trace at {path ?? "../shared/traces/faas-weekday-16.csv (no PiChassis.sln found above here)"}; pass --trace FILE");
    return 2;
}

DemandTrace trace;
try
{
    trace = DemandTrace.Load(path);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var settings = arguments.Settings;
if (arguments.PlotDay > trace.Days || settings.RestartAt >= trace.Nodes.Count)
{
    Console.Error.WriteLine($"error: the trace has {trace.Days} days ({trace.Nodes.Count} minutes): --plot-day and --restart-at must fall in it");
    return 2;
}

IReadOnlyList<IReplayScheduler> schedulers =
[
    new AlwaysOnScheduler(),
    new CapacityScheduler(settings, learn: false),
    new CapacityScheduler(settings, learn: true),
    .. HybridHistogramScheduler.Ranges.Select(r => new HybridHistogramScheduler(r)),
    .. SlurmPeerScheduler.SuspendTimes.Select(t => new SlurmPeerScheduler(t)),
];
var results = new ReplayResult[schedulers.Count];
Parallel.For(0, schedulers.Count, i => results[i] = TraceReplay.Run(trace, settings, schedulers[i]));
var histograms = 3 + HybridHistogramScheduler.Ranges.Length;
var restartAt = TraceReplay.RestartMinute(trace, settings);
BenchmarkReport.Print(Console.Out, trace, settings, new ReplayRuns(results[0], results[1], results[2], results[3..histograms], results[histograms..]), restartAt);
if (arguments.PlotPath is { } plotPath)
{
    var plotDay = (arguments.PlotDay - 1) ?? (restartAt / DemandTrace.MinutesPerDay) ?? 0;
    DayPlot.Save(plotPath, trace, results[2], plotDay, restartAt);
    Console.WriteLine($"plot of day {plotDay + 1} ({results[2].Name}): {plotPath}");
}

return 0;
