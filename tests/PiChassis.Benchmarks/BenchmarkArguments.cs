using System.Globalization;

namespace PiChassis.Benchmarks;

/// <summary>The benchmark's command line.</summary>
internal sealed class BenchmarkArguments
{
    public const string Usage = """
        Replays days of node demand through the PiChassis controller core on a simulated chassis
        and compares the energy policy with always-on, the ideal lower bound and Slurm's power saving.

        usage: dotnet run -c Release --project tests/PiChassis.Benchmarks -- [options]
          --trace FILE            demand trace, one day or several (default ../shared/traces/faas-weekday-16.csv beside the repository)
          --slots N               slots of Pi 4Bs (default 16)
          --load F                load 0..1 of a needed node (default 1.0)
          --spare N               warm spares the scheduler asks for (default 1)
          --idle-timeout S        policy idle timeout, seconds (default 60)
          --min-on S              policy minimum on-time, seconds (default 300)
          --hysteresis S          policy hysteresis window, seconds (default 300)
          --spare-delay S         spares follow demand that stayed this long, seconds (default 90)
          --interval S            sample interval, seconds, dividing a minute (default 1)
          --no-fan                a fanless chassis (Cooling:FanInSimulation false)
          --restart-at MINUTE     restart the controller at this minute of the trace (default: noon of the
                                  middle day of a trace of several days; one day runs through)
          --no-restart            replay without the controller restart
          --plot FILE             draw one day of the learning policy (demand, nodes on, forecast) into a PNG
          --plot-day N            the day to draw, 1 being the first (default: the day of the restart, else 1)
          --cold-start            measure what a 0 -> all slots cold start costs with today's admission, and exit
          --generate-batch-waves FILE [--seed N]
                                  write a batch-waves trace (default seed 8) and exit
          --generate-long-waves FILE [--seed N]
                                  write a long-waves trace, four 2-3 h full-chassis waves (default seed 4), and exit
          --generate-faas-week FILE [--trace DAY] [--seed N]
                                  write a week, Monday to Sunday, shaped on the one-day trace DAY (default the
                                  weekday trace): weekdays scaled and shifted, a quiet weekend (default seed 19), and exit
          --generate-batch-week FILE [--seed N]
                                  write a week of batch work: nightly and 4-hourly timer job arrays plus random
                                  ones (default seed 20), and exit
        """;

    public BenchmarkSettings Settings { get; private set; } = new();

    public string? TracePath { get; private set; }

    public string? GeneratePath { get; private set; }

    /// <summary>The trace to write to <see cref="GeneratePath"/>.</summary>
    public ITraceGenerator? Generator { get; private set; }

    /// <summary>The generator's seed; null: its default.</summary>
    public int? Seed { get; private set; }

    /// <summary>Measure a cold start of the whole chassis instead of replaying a trace.</summary>
    public bool ColdStart { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Where to draw the learning policy's day; null: no plot.</summary>
    public string? PlotPath { get; private set; }

    /// <summary>The day to draw, 1 being the first; null: the day of the restart, else the first.</summary>
    public int? PlotDay { get; private set; }

    public List<string> Errors { get; } = [];

    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchmarkArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                parsed.ShowHelp = true;
                continue;
            }

            if (name == "--cold-start")
            {
                parsed.ColdStart = true;
                continue;
            }

            if (name == "--no-fan")
            {
                parsed.Settings = parsed.Settings with { Fan = false };
                continue;
            }

            if (name == "--no-restart")
            {
                parsed.Settings = parsed.Settings with { Restart = false };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                parsed.Errors.Add($"{name} needs a value.");
                break;
            }

            parsed.Apply(name, args[++i]);
        }

        return parsed;
    }

    private void Apply(string name, string value)
    {
        var settings = Settings;
        switch (name)
        {
            case "--trace": TracePath = value; break;
            case "--generate-batch-waves": (GeneratePath, Generator) = (value, new BatchWavesGenerator()); break;
            case "--generate-long-waves": (GeneratePath, Generator) = (value, new LongWavesGenerator()); break;
            case "--generate-faas-week": (GeneratePath, Generator) = (value, new FaasWeekGenerator(() => TracePath ?? RepositoryPaths.DefaultTrace())); break;
            case "--generate-batch-week": (GeneratePath, Generator) = (value, new BatchWeekGenerator()); break;
            case "--seed": Seed = Integer(name, value, 0, int.MaxValue); break;
            case "--slots": Settings = settings with { Slots = Integer(name, value, 1, 16) }; break;
            case "--spare": Settings = settings with { MinSpare = Integer(name, value, 0, 16) }; break;
            case "--load": Settings = settings with { LoadFraction = Number(name, value, 0, 1) }; break;
            case "--idle-timeout": Settings = settings with { IdleTimeout = Seconds(name, value) }; break;
            case "--min-on": Settings = settings with { MinOnTime = Seconds(name, value) }; break;
            case "--hysteresis": Settings = settings with { Hysteresis = Seconds(name, value) }; break;
            case "--spare-delay": Settings = settings with { SpareDelay = Seconds(name, value) }; break;
            case "--restart-at": Settings = settings with { RestartAt = Integer(name, value, 0, int.MaxValue) }; break;
            case "--plot": PlotPath = value; break;
            case "--plot-day": PlotDay = Integer(name, value, 1, int.MaxValue); break;
            case "--interval":
                var interval = Seconds(name, value);
                if (interval <= TimeSpan.Zero || TimeSpan.FromMinutes(1).Ticks % interval.Ticks != 0)
                {
                    Errors.Add($"--interval {value} must divide a minute.");
                }

                Settings = settings with { SampleInterval = interval };
                break;
            default: Errors.Add($"unknown option {name}"); break;
        }
    }

    private int Integer(string name, string value, int min, int max)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Errors.Add($"{name} {value} must be a whole number {min}..{max}.");
        return min;
    }

    private double Number(string name, string value, double min, double max)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= min && x <= max)
        {
            return x;
        }

        Errors.Add($"{name} {value} must be a number {min}..{max}.");
        return min;
    }

    private TimeSpan Seconds(string name, string value) => TimeSpan.FromSeconds(Number(name, value, 0, 86_400));
}
