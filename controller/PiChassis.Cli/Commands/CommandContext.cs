using System.CommandLine;
using PiChassis.Cli.Connection;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Output;
using Spectre.Console;

namespace PiChassis.Cli.Commands;

/// <summary>One invocation: its parsed global options, its I/O, and the way from replies to output and exit code.</summary>
public sealed class CommandContext(ParseResult parse, GlobalOptions options, CliIo io)
{
    public CliIo Io { get; } = io;

    public ParseResult Parse { get; } = parse;

    public bool Json => Parse.GetValue(options.Json);

    public string? ChassisId => Parse.GetValue(options.Chassis);

    public string Source => Parse.GetValue(options.Source) ?? "cli";

    /// <summary>Connects (exit 3 on failure) and reads which chassis are there.</summary>
    public async Task<(BrokerSession Session, IReadOnlyList<KnownChassis> Chassis)> ConnectAsync(CancellationToken cancel)
    {
        var settings = ConnectionSettingsResolver.Resolve(options.Flags(Parse), Io.Environment, Io.ConfigFile, Io.Error);
        var session = await BrokerSession.ConnectAsync(settings, cancel);
        try
        {
            return (session, await ChassisDirectory.DiscoverAsync(session, cancel));
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Prints the replies (JSON, or <paramref name="render"/> and the errors on stderr) and returns the exit code.</summary>
    public int Report(IReadOnlyList<ChassisReply> replies, Func<IReadOnlyList<ChassisReply>, Spectre.Console.Rendering.IRenderable?> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var exitCode = Outcome.ExitCode(replies);
        if (Json)
        {
            JsonReport.Write(Io.Out, JsonReport.Merge(replies, exitCode));
        }
        else if (render(replies) is { } renderable)
        {
            Io.Console.Write(renderable);
        }

        foreach (var (_, line) in Outcome.Problems(replies))
        {
            Io.Error.WriteLine($"pichassis: {line}");
        }

        return exitCode;
    }
}
