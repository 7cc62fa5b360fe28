using System.Globalization;
using PiChassis.Cli;
using Spectre.Console.Testing;

namespace PiChassis.Tests.Cli.Support;

/// <summary>Runs <c>pichassis</c> in this process with captured stdout and stderr, pointed at a test broker.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(int port, params string[] args) => await RunAsync(port, new TestConsole().Width(160), CancellationToken.None, args);

    public static async Task<Result> RunAsync(int port, TestConsole console, CancellationToken cancel, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?> { ["PICHASSIS_MQTT_PORT"] = port.ToString(CultureInfo.InvariantCulture) };
        var io = new CliIo(console, output, error, name => environment.GetValueOrDefault(name), "/nonexistent/pichassis-cli.json", TimeProvider.System);
        var exitCode = await CliApp.RunAsync(args, io, cancel);
        return new Result(exitCode, console.Output + output, error.ToString());
    }
}
