using PiChassis.Controller.Systemd;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Systemd;

public class SystemdNotifierTests
{
    [Fact]
    public void Notify_PathSocket_DeliversOneDatagramPerState()
    {
        using var listener = NotifySocketListener.InTempDirectory();
        using var notifier = new SystemdNotifier(listener.Address);

        Assert.True(notifier.Notify("READY=1"));
        Assert.True(notifier.Notify("WATCHDOG=1"));

        Assert.Equal(["READY=1", "WATCHDOG=1"], listener.Pending());
    }

    [Fact]
    public void Notify_AbstractSocket_Delivers()
    {
        using var listener = NotifySocketListener.Abstract();
        using var notifier = new SystemdNotifier(listener.Address);

        Assert.True(notifier.Notify("STOPPING=1"));

        Assert.Equal(["STOPPING=1"], listener.Pending());
    }

    [Fact]
    public void Notify_NoSocket_IsDisabledNoOp()
    {
        using var notifier = new SystemdNotifier(null);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Notify("READY=1"));
    }

    [Fact]
    public void Notify_ManagerGone_ReturnsFalseInsteadOfThrowing()
    {
        string address;
        using (var listener = NotifySocketListener.InTempDirectory())
        {
            address = listener.Address;
        }

        using var notifier = new SystemdNotifier(address);

        Assert.True(notifier.IsEnabled);
        Assert.False(notifier.Notify("WATCHDOG=1"));
    }
}
