using System.Diagnostics;
using System.Globalization;
using PiChassis.Perf.Fleet;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf;

/// <summary>
/// Runs a published controller with <c>--simulate</c> as it runs on a Pi: against a Mosquitto (started
/// here on a free loopback port), console view off, a subscriber on <c>pichassis/&lt;id&gt;/#</c>.
/// Measures the time from process start to the first chassis telemetry at that subscriber, then CPU
/// and memory at steady state while the controller samples at 10 Hz and publishes every 5 s.
/// </summary>
public static class Footprint
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static async Task<FootprintResult> MeasureAsync(string label, string executable, PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(executable))!);
        await using var broker = await Mosquitto.StartAsync();
        var starts = new List<TimeSpan>();
        for (var i = 0; i < options.Starts; i++)
        {
            starts.Add(await TimeToFirstTelemetryAsync(executable, options, broker.Port, $"perf-start-{i + 1}"));
        }

        starts.Sort();
        var topics = new Topics("perf-steady");
        await using var watch = await MqttWatch.ConnectAsync(broker.Port, $"{topics.Base}/#");
        var dataDir = Directory.CreateTempSubdirectory("pichassis-perf-").FullName;
        try
        {
            await using var controller = Start(executable, options, dataDir, broker.Port, topics.ChassisId);
            var ticks = ProcStat.TicksPerSecond();
            await Task.Delay(options.WarmUp, TimeProvider.System);
            var cpu = ProcStat.CpuTime(controller.Id, ticks);
            var brokerCpu = ProcStat.CpuTime(broker.ProcessId, ticks);
            var (messages, chassisTelemetry) = (watch.Count, watch.CountOf(topics.Telemetry));
            var wall = Stopwatch.GetTimestamp();
            await Task.Delay(options.Window, TimeProvider.System);
            var used = ProcStat.CpuTime(controller.Id, ticks) - cpu;
            var brokerUsed = ProcStat.CpuTime(broker.ProcessId, ticks) - brokerCpu;
            var elapsed = Stopwatch.GetElapsedTime(wall);
            var published = new PublishedCount(watch.Count - messages, watch.CountOf(topics.Telemetry) - chassisTelemetry);
            var rss = ProcStat.StatusBytes(controller.Id, "VmRSS");
            var peak = ProcStat.StatusBytes(controller.Id, "VmHWM");
            await controller.StopAsync();
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
                elapsed,
                published,
                brokerUsed / elapsed * 100);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>A controller as the footprint and fleet run it: simulated, on the given broker, console view off.</summary>
    public static ControllerProcess Start(string executable, PerfOptions options, string dataDir, int brokerPort, string chassisId, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] args =
        [
            "--simulate", "--slots", options.Slots.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDir,
            "--mqtt-host", "127.0.0.1", "--mqtt-port", brokerPort.ToString(CultureInfo.InvariantCulture),
            $"--Chassis:Id={chassisId}", "--ConsoleView:Enabled=false", "--Redfish:Port=0", .. extra,
        ];
        return ControllerProcess.Start(executable, options.Environment, args);
    }

    private static async Task<TimeSpan> TimeToFirstTelemetryAsync(string executable, PerfOptions options, int brokerPort, string chassisId)
    {
        var topics = new Topics(chassisId);
        await using var watch = await MqttWatch.ConnectAsync(brokerPort, $"{topics.Base}/#");
        var dataDir = Directory.CreateTempSubdirectory("pichassis-perf-start-").FullName;
        try
        {
            await using var controller = Start(executable, options, dataDir, brokerPort, chassisId);
            if (!await MqttWatch.UntilAsync(() => watch.FirstSeen(topics.Telemetry) is not null || controller.HasExited, StartPatience)
                || watch.FirstSeen(topics.Telemetry) is not { } first)
            {
                throw new InvalidOperationException($"{executable} published no telemetry within {StartPatience.TotalSeconds} s:{Environment.NewLine}{controller.Tail()}");
            }

            await controller.StopAsync();
            return Stopwatch.GetElapsedTime(controller.StartedAt, first);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
