using System.Diagnostics;
using System.Globalization;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// A controller build started as a service manager would (a native executable, or a .dll run by
/// <c>dotnet</c>); its console output is drained so a full pipe never stalls it, keeping the last
/// lines for when it fails.
/// </summary>
public sealed class ControllerProcess : IAsyncDisposable
{
    private const int TailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ControllerProcess(Process process, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public int Id => _process.Id;

    /// <summary>Stopwatch timestamp taken just before the process was created.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static ControllerProcess Start(string executable, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (dll)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {executable}");
        var controller = new ControllerProcess(process, startedAt);
        process.OutputDataReceived += (_, e) => controller.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    /// <summary>The last lines the controller printed.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>Stops it as <c>systemctl stop</c> does (SIGTERM) and waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(patience.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
