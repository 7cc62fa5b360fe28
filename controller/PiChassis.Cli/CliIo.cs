using Spectre.Console;

namespace PiChassis.Cli;

/// <summary>
/// Everything the CLI touches outside itself, so tests run it in-process: the console for tables,
/// the raw writers for JSON and errors, the environment, the config file and the clock.
/// </summary>
public sealed record CliIo(IAnsiConsole Console, TextWriter Out, TextWriter Error, Func<string, string?> Environment, string ConfigFile, TimeProvider Time)
{
    public const string DefaultConfigFile = "/etc/pichassis/cli.json";

    /// <summary>The process's own console, environment and clock.</summary>
    public static CliIo FromSystem()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        return new CliIo(console, System.Console.Out, System.Console.Error, System.Environment.GetEnvironmentVariable, DefaultConfigFile, TimeProvider.System);
    }

    /// <summary>Live views redraw in place only on a real terminal; Spectre's Live fails on a dumb or redirected one.</summary>
    public bool IsInteractive => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;
}
