using System.Text.RegularExpressions;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.EndToEnd;

/// <summary>The real controller process under a stand-in for systemd: the datagrams a Type=notify unit relies on.</summary>
public sealed class SystemdNotifyTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pichassis-notify-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Controller_UnderNotifySocket_SendsReadyThenWatchdogPingsThenStopping()
    {
        using var listener = NotifySocketListener.InTempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = listener.Address,
            ["WATCHDOG_USEC"] = "1000000",
        };
        using var controller = ControllerProcess.Start(environment, "--simulate", "--slots", "4", "--data-dir", _dataDir, "--ConsoleView:Enabled=false");

        var untilReady = await listener.WaitForAsync("READY=1", Patience);
        Assert.True(untilReady.Contains("READY=1"), controller.Output);
        var afterReady = await listener.WaitForAsync("WATCHDOG=1", Patience);
        Assert.True(afterReady.Contains("WATCHDOG=1"), controller.Output);

        controller.Terminate();
        var atStop = await listener.WaitForAsync("STOPPING=1", Patience);

        Assert.Contains("STOPPING=1", atStop);
        Assert.Equal(0, await controller.WaitForExitAsync(Patience));
        Assert.DoesNotContain("WATCHDOG=1", untilReady);
    }

    [Fact]
    public async Task Controller_UnderJournal_LogsWithSyslogPriorities()
    {
        var environment = new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" };
        using var controller = ControllerProcess.Start(environment, "--simulate", "--slots", "2", "--data-dir", _dataDir, "--ConsoleView:Enabled=false");

        var started = await controller.WaitForOutputAsync("<6>Microsoft.Hosting.Lifetime", Patience);
        controller.Terminate();
        await controller.WaitForExitAsync(Patience);

        Assert.True(started, controller.Output);
        Assert.DoesNotMatch(new Regex(@"^\d\d:\d\d:\d\d info:", RegexOptions.Multiline), controller.Output);
    }
}
