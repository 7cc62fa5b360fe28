using System.Globalization;

namespace PiChassis.Controller.Systemd;

/// <summary>
/// How often systemd expects a watchdog ping (<c>WATCHDOG_USEC</c>, meant for the process named in
/// <c>WATCHDOG_PID</c> when that is set); null: no watchdog. <c>NOTIFY_SOCKET</c> is read by the
/// library's <see cref="Microsoft.Extensions.Hosting.Systemd.SystemdNotifier"/>, which has no watchdog.
/// </summary>
public sealed record SystemdEnvironment(TimeSpan? WatchdogInterval)
{
    public static SystemdEnvironment None { get; } = new((TimeSpan?)null);

    /// <summary>The current process's environment.</summary>
    public static SystemdEnvironment FromProcess() => From(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>Reads the variables as sd_watchdog_enabled(3) does; a malformed value disables the watchdog.</summary>
    public static SystemdEnvironment From(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable("WATCHDOG_PID") is { Length: > 0 } pidText
            && (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            // The watchdog belongs to another process (e.g. a wrapper script that exec'd nothing).
            return None;
        }

        return ulong.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? new SystemdEnvironment(TimeSpan.FromMicroseconds(usec))
            : None;
    }
}
