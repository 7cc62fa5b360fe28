using System.Diagnostics;
using System.Text;

namespace PiChassis.Tests.TestSupport;

/// <summary>
/// Runs the real controller program (the build output next to the tests) as a child process,
/// collecting what it prints, for end-to-end tests of start, stop and crash behaviour. With
/// <see cref="PublishedVariable"/> set to a published controller executable (the Native AOT build of
/// <c>controller/deploy/publish.sh</c>) the same tests run that instead: the build that ships.
/// </summary>
public sealed class ControllerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    private ControllerProcess(Process process)
    {
        _process = process;
    }

    public const string PublishedVariable = "PICHASSIS_TEST_CONTROLLER";

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "pichassis-controller.dll");

    /// <summary>The published executable the tests run instead of the build next to them; null for that build.</summary>
    public static string? Published => Environment.GetEnvironmentVariable(PublishedVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Id => _process.Id;

    public static ControllerProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts it with these environment variables; systemd's are never inherited from the test runner.</summary>
    public static ControllerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo(Published ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM" })
        {
            info.Environment.Remove(name);
        }

        // Each simulated controller serves Redfish on a free port of its own, not on the 8443 of
        // --simulate, so that controllers started side by side never meet; --Redfish:Port wins over it.
        info.Environment["PICHASSIS_Redfish__Port"] = "0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        if (Published is null)
        {
            info.ArgumentList.Add(ProgramPath);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the controller");
        var controller = new ControllerProcess(process);
        process.OutputDataReceived += (_, e) => controller.Append(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; false if the process ends or time runs out.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd or Ctrl-C would stop it.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();

    /// <summary>SIGKILL: a crash, with no chance to clean up.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
        }
    }
}
