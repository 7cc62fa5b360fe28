using System.Diagnostics;
using System.Text;

namespace PiChassis.Tests.EndToEnd;

/// <summary>
/// The controller as a real process (the build output next to the test assembly), with its console
/// output kept for failure messages. Disposing it kills what still runs.
/// </summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ControllerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static ControllerProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pichassis-controller.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var controller = new ControllerProcess(process);
        process.OutputDataReceived += (_, e) => controller.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the controller's output after a generous timeout.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var timeout = Stopwatch.StartNew();
        while (!Holds(condition))
        {
            if (_process.HasExited || timeout.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"Waited in vain for {what}. Controller output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    // The store may not have its tables yet, or be mid-checkpoint: that is "not yet".
    private static bool Holds(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
    }

    /// <summary>SIGTERM, as systemd stops the service, and waits for the clean stop.</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
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
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
