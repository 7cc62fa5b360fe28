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
    public void From_NoNotifySocket_IsNone()
    {
        Assert.Equal(SystemdEnvironment.None, From(("WATCHDOG_USEC", "2000000")));
    }

    [Fact]
    public void From_SocketAndWatchdog_ReadsBoth()
    {
        var environment = From(("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", "2500000"));

        Assert.Equal("/run/systemd/notify", environment.NotifySocket);
        Assert.Equal(TimeSpan.FromSeconds(2.5), environment.WatchdogInterval);
    }

    [Fact]
    public void From_AbstractSocket_IsKept()
    {
        Assert.Equal("@/org/freedesktop/systemd1/notify", From(("NOTIFY_SOCKET", "@/org/freedesktop/systemd1/notify")).NotifySocket);
    }

    [Fact]
    public void From_RelativeSocketPath_IsNone()
    {
        Assert.Equal(SystemdEnvironment.None, From(("NOTIFY_SOCKET", "notify"), ("WATCHDOG_USEC", "1000000")));
    }

    [Theory]
    [InlineData("4242", 1.0)]
    [InlineData("1", null)]
    [InlineData("x", null)]
    public void From_WatchdogPid_OnlyOursEnablesTheWatchdog(string pid, double? expectedSeconds)
    {
        var environment = From(("NOTIFY_SOCKET", "/run/n"), ("WATCHDOG_USEC", "1000000"), ("WATCHDOG_PID", pid));

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, environment.WatchdogInterval);
        Assert.Equal("/run/n", environment.NotifySocket);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void From_BadWatchdogUsec_NoWatchdog(string usec)
    {
        Assert.Null(From(("NOTIFY_SOCKET", "/run/n"), ("WATCHDOG_USEC", usec)).WatchdogInterval);
    }
}
