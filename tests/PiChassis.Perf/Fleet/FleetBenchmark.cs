using System.Diagnostics;
using System.Text.Json.Nodes;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// A fleet of published controllers, each its own simulated chassis with its own data directory and
/// node names, all on one Mosquitto: the broker's message rates and the fleet's CPU and memory at
/// steady state, then how long <c>pichassis status all</c> takes to answer across the fleet.
/// </summary>
public static class FleetBenchmark
{
    private static readonly TimeSpan OnlinePatience = TimeSpan.FromSeconds(120);

    public static async Task<FleetResult> MeasureAsync(string executable, string cli, PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var broker = await Mosquitto.StartAsync();
        await using var watch = await MqttWatch.ConnectAsync(broker.Port, [$"{Topics.Root}/+/status", .. BrokerCounters.Filters]);
        var root = Directory.CreateTempSubdirectory("pichassis-perf-fleet-").FullName;
        var controllers = new List<ControllerProcess>();
        try
        {
            var members = new List<FleetMember>();
            for (var i = 1; i <= options.FleetSize; i++)
            {
                members.Add(await FleetMember.CreateAsync(i, options.Slots, root));
            }

            var started = Stopwatch.GetTimestamp();
            foreach (var member in members)
            {
                controllers.Add(Footprint.Start(executable, options, member.DataDir, broker.Port, member.ChassisId, "--config", member.ConfigFile));
            }

            bool AllOnline() => members.All(m => watch.Latest(new Topics(m.ChassisId).Status) == Availability.Online);
            if (!await MqttWatch.UntilAsync(AllOnline, OnlinePatience))
            {
                var missing = members.Where(m => watch.Latest(new Topics(m.ChassisId).Status) != Availability.Online).Select(m => m.ChassisId);
                throw new InvalidOperationException($"not online after {OnlinePatience.TotalSeconds} s: {string.Join(", ", missing)}{Environment.NewLine}{controllers[0].Tail()}");
            }

            var allOnline = Stopwatch.GetElapsedTime(started);
            await Task.Delay(options.WarmUp, TimeProvider.System);
            var ticks = ProcStat.TicksPerSecond();
            var from = await BrokerCounters.NextAsync(watch);
            var cpu = controllers.Select(c => ProcStat.CpuTime(c.Id, ticks)).ToList();
            var brokerCpu = ProcStat.CpuTime(broker.ProcessId, ticks);
            await Task.Delay(options.Window, TimeProvider.System);
            var to = await BrokerCounters.NextAsync(watch);
            var window = Stopwatch.GetElapsedTime(from.At, to.At);
            var used = controllers.Select((c, i) => ProcStat.CpuTime(c.Id, ticks) - cpu[i]).Aggregate(TimeSpan.Zero, (a, b) => a + b);
            var brokerUsed = ProcStat.CpuTime(broker.ProcessId, ticks) - brokerCpu;
            var rss = controllers.Select(c => ProcStat.StatusBytes(c.Id, "VmRSS")).ToList();
            var (received, sent) = BrokerCounters.Rates(from, to);
            var cliCheck = await CheckCliAsync(cli, broker.Port, options);
            var runs = new List<TimeSpan>();
            for (var i = 0; i < options.CliRuns; i++)
            {
                var run = await CliRun.RunAsync(cli, "--host", "127.0.0.1", "--port", $"{broker.Port}", "status", "all");
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"pichassis status all exited {run.ExitCode}:{Environment.NewLine}{run.Output}");
                }

                runs.Add(run.Elapsed);
            }

            runs.Sort();
            return new FleetResult(options.FleetSize, options.Slots, allOnline, window, received, sent,
                used / window * 100, rss.Sum(), rss.Max(), brokerUsed / window * 100, ProcStat.StatusBytes(broker.ProcessId, "VmRSS"),
                runs[runs.Count / 2], runs[0], runs[^1], cliCheck);
        }
        finally
        {
            await Task.WhenAll(controllers.Select(c => c.StopAsync()));
            foreach (var controller in controllers)
            {
                await controller.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// <c>status all</c> must list every slot of every chassis; node names of two chassis in one
    /// hostlist must each be sent to the chassis whose retained info lists them.
    /// </summary>
    private static async Task<string> CheckCliAsync(string cli, int port, PerfOptions options)
    {
        string[] connection = ["--host", "127.0.0.1", "--port", $"{port}", "--json"];
        var all = await CliRun.RunAsync(cli, [.. connection, "status", "all"]);
        var results = ResultsOf(all, "status all");
        var perChassis = results.GroupBy(r => r.Chassis).ToDictionary(g => g.Key, g => g.Select(r => r.Slot).Distinct().Count());
        var expected = options.FleetSize * options.Slots;
        if (results.Count != expected || perChassis.Count != options.FleetSize || perChassis.Values.Any(n => n != options.Slots))
        {
            throw new InvalidOperationException($"status all listed {results.Count} slots of {perChassis.Count} chassis, not {options.FleetSize} x {options.Slots}");
        }

        var (first, last) = (1, options.FleetSize);
        var targets = $"{FleetMember.NodeName(first, 5)},{FleetMember.NodeName(last, options.Slots)}";
        var picked = ResultsOf(await CliRun.RunAsync(cli, [.. connection, "status", targets]), $"status {targets}");
        var want = new[] { ($"fleet-{first:D2}", 5), ($"fleet-{last:D2}", options.Slots) };
        if (!picked.Select(r => (r.Chassis, r.Slot)).Order().SequenceEqual(want.Order()))
        {
            throw new InvalidOperationException($"status {targets} answered {string.Join(", ", picked)}, not {string.Join(", ", want)}");
        }

        return $"status all: {results.Count} slots of {perChassis.Count} chassis; status {targets}: {string.Join(", ", picked.Select(r => $"{r.Chassis} slot {r.Slot}"))}";
    }

    private static List<(string Chassis, int Slot)> ResultsOf(CliRun run, string what)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"pichassis {what} exited {run.ExitCode}:{Environment.NewLine}{run.Output}");
        }

        var report = JsonNode.Parse(run.Output)!;
        return [.. report["results"]!.AsArray()
            .Where(r => r!["state"] is not null)
            .Select(r => (r!["chassis"]!.GetValue<string>(), r["slot"]!.GetValue<int>()))];
    }
}
