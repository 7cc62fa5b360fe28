using System.Globalization;

namespace PiChassis.Controller.Systemd;

/// <summary>
/// What systemd tells a <c>Type=notify</c> service through its environment: where to send state
/// (<c>NOTIFY_SOCKET</c>) and how often it expects a watchdog ping (<c>WATCHDOG_USEC</c>, meant for
/// the process named in <c>WATCHDOG_PID</c> when that is set). Both null: not run by systemd.
/// </summary>
public sealed record SystemdEnvironment(string? NotifySocket, TimeSpan? WatchdogInterval)
{
    public static SystemdEnvironment None { get; } = new(null, null);

    /// <summary>The current process's environment.</summary>
    public static SystemdEnvironment FromProcess() => From(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>Reads the variables as sd_notify(3) and sd_watchdog_enabled(3) do; a malformed value disables that part.</summary>
    public static SystemdEnvironment From(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var socket = variable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(socket) || (socket[0] != '/' && socket[0] != '@'))
        {
            return None;
        }

        return new SystemdEnvironment(socket, WatchdogFor(variable, processId));
    }

    private static TimeSpan? WatchdogFor(Func<string, string?> variable, int processId)
    {
        if (variable("WATCHDOG_PID") is { Length: > 0 } pidText
            && (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            // The watchdog belongs to another process (e.g. a wrapper script that exec'd nothing).
            return null;
        }

        return ulong.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;
    }
}
