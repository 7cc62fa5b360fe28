using System.Globalization;

namespace PiChassis.Controller.Hosting;

/// <summary>
/// The controller's command line, which scripts rely on: the short flags of README.md ("Command line and configuration"), plus any
/// setting as <c>--Section:Key=value</c>. Every mistake is reported, none is guessed.
/// </summary>
public sealed class ControllerCommandLine
{
    public const string Usage = """
        Usage: pichassis-controller [options]
          --simulate            run on the simulated chassis (embedded broker unless --mqtt-host)
          --slots N             simulated slots, 1-16 (default 8)
          --mqtt-host HOST      use this broker
          --mqtt-port N         broker port (default 1883)
          --data-dir DIR        persistent state (default /var/lib/pichassis)
          --config FILE         a JSON settings file
          --Section:Key=VALUE   any setting, e.g. --Power:PsuBudgetW=60
          --hash-password       read a password on stdin, print its hash for Redfish:Accounts, exit
          --help                this text
        Settings also come from appsettings.json and PICHASSIS_Section__Key environment variables.
        """;

    private static readonly Dictionary<string, string> ValueFlags = new(StringComparer.Ordinal)
    {
        ["--slots"] = "Chassis:SlotCount",
        ["--mqtt-host"] = "Mqtt:Host",
        ["--mqtt-port"] = "Mqtt:Port",
        ["--data-dir"] = "Storage:DataDir",
    };

    private ControllerCommandLine()
    {
    }

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Errors { get; } = [];

    public string? ConfigFile { get; private set; }

    public bool Simulate { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Only hash a password for <c>Redfish:Accounts</c>: the controller does not start.</summary>
    public bool HashPassword { get; private set; }

    public static ControllerCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var line = new ControllerCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (flag, inlineValue) = SplitInline(arg);
            string? TakeValue()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                line.Errors.Add($"{flag} needs a value.");
                return null;
            }

            switch (flag)
            {
                case "--simulate":
                    line.Simulate = true;
                    line.Settings["Simulation:Enabled"] = "true";
                    break;
                case "--help" or "-h":
                    line.ShowHelp = true;
                    break;
                case "--hash-password":
                    line.HashPassword = true;
                    break;
                case "--config":
                    line.ConfigFile = TakeValue();
                    if (line.ConfigFile is not null && !File.Exists(line.ConfigFile))
                    {
                        line.Errors.Add($"--config: file '{line.ConfigFile}' does not exist.");
                    }

                    break;
                case var known when ValueFlags.TryGetValue(known, out var key):
                    if (TakeValue() is { } value)
                    {
                        line.Settings[key] = value;
                    }

                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    if (TakeValue() is { } settingValue)
                    {
                        line.Settings[setting[2..]] = settingValue;
                    }

                    break;
                default:
                    line.Errors.Add($"Unknown argument '{arg}'.");
                    break;
            }
        }

        line.CheckNumber("--slots", "Chassis:SlotCount", 1, 16);
        line.CheckNumber("--mqtt-port", "Mqtt:Port", 1, 65535);
        return line;
    }

    private static (string Flag, string? Value) SplitInline(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private void CheckNumber(string flag, string key, int min, int max)
    {
        if (Settings.TryGetValue(key, out var text) && text is not null
            && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max))
        {
            Errors.Add($"{flag} '{text}' must be a whole number from {min} to {max}.");
        }
    }
}
