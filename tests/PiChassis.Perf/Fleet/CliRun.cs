using System.Diagnostics;

namespace PiChassis.Perf.Fleet;

/// <summary>One run of the <c>pichassis</c> CLI (a published executable, or a .dll run by <c>dotnet</c>), timed from start to exit.</summary>
public sealed record CliRun(int ExitCode, string Output, TimeSpan Elapsed)
{
    public static async Task<CliRun> RunAsync(string cli, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(args);
        var dll = cli.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in dll ? [cli, .. args] : args)
        {
            info.ArgumentList.Add(arg);
        }

        // A terminal-less run renders the table at this width instead of wrapping it at 80 columns.
        info.Environment["COLUMNS"] = "200";
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {cli}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new CliRun(process.ExitCode, await output + await errors, elapsed);
    }
}
