using System.Diagnostics;
using System.Globalization;

namespace PiChassis.Perf;

/// <summary>
/// Runs a published controller with <c>--simulate</c> as an operator would: the time until its first
/// status table, then CPU and memory at steady state (console view off, as under systemd).
/// </summary>
public static class Footprint
{
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static async Task<FootprintResult> MeasureAsync(string label, string executable, PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(executable))!);
        var starts = new List<TimeSpan>();
        for (var i = 0; i < options.Starts; i++)
        {
            starts.Add(await TimeToFirstStatusAsync(executable, options));
        }

        starts.Sort();
        var dataDir = Directory.CreateTempSubdirectory("pichassis-perf-").FullName;
        try
        {
            using var controller = Start(executable, options, dataDir, "--ConsoleView:Enabled=false");
            var ticks = ProcStat.TicksPerSecond();
            await Task.Delay(options.WarmUp, TimeProvider.System);
            var cpu = ProcStat.CpuTime(controller.Id, ticks);
            var wall = Stopwatch.GetTimestamp();
            await Task.Delay(options.Window, TimeProvider.System);
            var used = ProcStat.CpuTime(controller.Id, ticks) - cpu;
            var elapsed = Stopwatch.GetElapsedTime(wall);
            var rss = ProcStat.StatusBytes(controller.Id, "VmRSS");
            var peak = ProcStat.StatusBytes(controller.Id, "VmHWM");
            await StopAsync(controller);
            return new FootprintResult(
                label,
                new FileInfo(executable).Length,
                directory.EnumerateFiles().Sum(f => f.Length),
                starts[starts.Count / 2],
                starts[^1],
                used / elapsed * 100,
                rss,
                peak,
                options.Slots,
                elapsed);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeToFirstStatusAsync(string executable, PerfOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("pichassis-perf-start-").FullName;
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var controller = Start(executable, options, dataDir, "--ConsoleView:Interval=00:00:00.100");
            while (await controller.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("slot  node", StringComparison.Ordinal))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    await StopAsync(controller);
                    return elapsed;
                }
            }

            throw new InvalidOperationException($"{executable} ended without a status table: {await controller.StandardError.ReadToEndAsync()}");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Process Start(string executable, PerfOptions options, string dataDir, string extra)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        foreach (var arg in new[] { "--simulate", "--slots", options.Slots.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDir, extra })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {executable}");
    }

    private static async Task StopAsync(Process controller)
    {
        using (var term = Process.Start("kill", ["-TERM", controller.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await controller.WaitForExitAsync(patience.Token);
    }
}
