using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Systemd;
using PiChassis.Tests.TestSupport;
using Xunit.Abstractions;

namespace PiChassis.Tests.Controller.Systemd;

/// <summary>The whole controller host on the simulated chassis and a fake clock, under a stand-in for systemd.</summary>
public sealed class SystemdWatchdogHostTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pichassis-watchdog-").FullName;
    private readonly NotifySocketListener _listener = NotifySocketListener.InTempDirectory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _listener.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Host_SamplingStopsTicking_WatchdogPingsStopUntilShutdownSaysStopping()
    {
        using var host = BuildHost();

        await host.StartAsync();
        Assert.Equal(["READY=1"], Received("at start"));

        await Run(host, TimeSpan.FromSeconds(3));
        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"], Received("in 3 s of sampling"));

        await host.Services.GetRequiredService<SamplingService>().StopAsync(CancellationToken.None);
        await Run(host, host.Services.GetRequiredService<SystemdWatchdogService>().MaxSweepAge);
        _listener.Pending(); // a ping while the last sweep was still fresh enough
        await Run(host, TimeSpan.FromSeconds(5));
        Assert.Empty(Received("in 5 s without sampling"));

        await host.StopAsync();
        Assert.Equal(["STOPPING=1"], Received("at stop"));
    }

    /// <summary>What arrived since the last look, also written to the test output so a failure says which step it was.</summary>
    private IReadOnlyList<string> Received(string when)
    {
        var messages = _listener.Pending();
        output.WriteLine($"{when}: [{string.Join(", ", messages)}] at {_time.GetUtcNow():HH:mm:ss.fff}");
        return messages;
    }

    private IHost BuildHost() => FakeClockController.Build(_dataDir, _time, _listener);

    private Task Run(IHost host, TimeSpan duration) => FakeClockController.RunAsync(host, _time, duration);
}
