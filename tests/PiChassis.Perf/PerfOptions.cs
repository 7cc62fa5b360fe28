using System.Globalization;

namespace PiChassis.Perf;

/// <summary>
/// The benchmark's command line: <c>--controller LABEL=PATH</c> (repeatable; a published
/// pichassis-controller to measure), <c>--slots N</c>, <c>--sweeps N</c>, <c>--stock-sweeps N</c>,
/// <c>--starts N</c>, <c>--warmup SECONDS</c>, <c>--window SECONDS</c>, <c>--env NAME=VALUE</c>
/// (repeatable; set for every controller started), <c>--cli PATH</c> (the <c>pichassis</c> CLI, an
/// executable or .dll; with it the fleet runs), <c>--fleet N</c> (controllers, default 20),
/// <c>--cli-runs N</c>, <c>--jit-controller PATH</c> (compared field by field with the first
/// controller), <c>--trips N</c> and <c>--commands N</c> (latency benchmarks), <c>--only fleet</c>
/// (footprint, payloads and fleet) or <c>--only latency</c> (trip and command latency).
/// </summary>
public sealed class PerfOptions
{
    public List<(string Label, string Path)> Controllers { get; } = [];

    public Dictionary<string, string> Environment { get; } = [];

    public int Slots { get; private set; } = 16;

    public int Sweeps { get; private set; } = 5000;

    public int StockSweeps { get; private set; } = 100;

    public int Starts { get; private set; } = 3;

    public TimeSpan WarmUp { get; private set; } = TimeSpan.FromSeconds(15);

    public TimeSpan Window { get; private set; } = TimeSpan.FromSeconds(60);

    public string? Cli { get; private set; }

    public int FleetSize { get; private set; } = 20;

    public int CliRuns { get; private set; } = 5;

    public string? JitController { get; private set; }

    public string? Only { get; private set; }

    public int Trips { get; private set; } = 200;

    public int Commands { get; private set; } = 1000;

    public static PerfOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new PerfOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            int Number() => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--controller":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    options.Controllers.Add(eq > 0 ? (value[..eq], value[(eq + 1)..]) : (Path.GetFileName(Path.GetDirectoryName(value)) ?? value, value));
                    break;
                case "--env":
                    var (name, text) = (value[..value.IndexOf('=', StringComparison.Ordinal)], value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    options.Environment[name] = text;
                    break;
                case "--slots": options.Slots = Number(); break;
                case "--sweeps": options.Sweeps = Number(); break;
                case "--stock-sweeps": options.StockSweeps = Number(); break;
                case "--starts": options.Starts = Number(); break;
                case "--warmup": options.WarmUp = TimeSpan.FromSeconds(Number()); break;
                case "--window": options.Window = TimeSpan.FromSeconds(Number()); break;
                case "--cli": options.Cli = value; break;
                case "--fleet": options.FleetSize = Number(); break;
                case "--cli-runs": options.CliRuns = Number(); break;
                case "--jit-controller": options.JitController = value; break;
                case "--only" when value is "fleet" or "latency": options.Only = value; break;
                case "--trips": options.Trips = Number(); break;
                case "--commands": options.Commands = Number(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.", nameof(args));
            }
        }

        return options;
    }
}
