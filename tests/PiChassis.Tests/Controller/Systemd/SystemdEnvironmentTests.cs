using PiChassis.Controller.Systemd;

namespace PiChassis.Tests.Controller.Systemd;

public class SystemdEnvironmentTests
{
    private const int Pid = 4242;

    private static SystemdEnvironment From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return SystemdEnvironment.From(name => map.GetValueOrDefault(name), Pid);
    }

    [Fact]
    public void From_NoWatchdogUsec_IsNone()
    {
        Assert.Equal(SystemdEnvironment.None, From(("NOTIFY_SOCKET", "/run/systemd/notify")));
    }

    [Fact]
    public void From_WatchdogUsec_ReadsTheInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), From(("WATCHDOG_USEC", "2500000")).WatchdogInterval);
    }

    [Theory]
    [InlineData("4242", 1.0)]
    [InlineData("1", null)]
    [InlineData("x", null)]
    public void From_WatchdogPid_OnlyOursEnablesTheWatchdog(string pid, double? expectedSeconds)
    {
        var environment = From(("WATCHDOG_USEC", "1000000"), ("WATCHDOG_PID", pid));

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, environment.WatchdogInterval);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void From_BadWatchdogUsec_NoWatchdog(string usec)
    {
        Assert.Null(From(("WATCHDOG_USEC", usec)).WatchdogInterval);
    }
}
