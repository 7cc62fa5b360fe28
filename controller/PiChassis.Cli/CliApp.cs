using System.CommandLine;
using PiChassis.Cli.Commands;

namespace PiChassis.Cli;

/// <summary>The CLI's entry, callable in-process: arguments in, exit code out, output through <see cref="CliIo"/>.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliIo io, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(io);
        var parse = CommandTree.Build(io).Parse(args);
        if (parse.Errors.Count > 0)
        {
            var message = string.Join("; ", parse.Errors.Select(e => string.Join(' ', e.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
            await io.Error.WriteLineAsync($"pichassis: {message} (see pichassis --help)");
            return ExitCodes.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = io.Out,
                Error = io.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(configuration, cancel);
        }
        catch (CliException failure)
        {
            await io.Error.WriteLineAsync($"pichassis: {failure.Message}");
            return failure.ExitCode;
        }
    }
}
