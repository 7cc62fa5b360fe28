using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Systemd;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Systemd;

public sealed class SystemdWatchdogServiceTests : IDisposable
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(4);
    private readonly FakeTimeProvider _time = new();
    private readonly SnapshotHub _hub = new();
    private readonly NotifySocketListener _listener = NotifySocketListener.InTempDirectory();
    private readonly SystemdNotifier _notifier;
    private long _sweep;

    public SystemdWatchdogServiceTests()
    {
        _notifier = new SystemdNotifier(_listener.Address);
    }

    public void Dispose()
    {
        _notifier.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public async Task StartedAsync_UnderSystemd_SendsReadyOnce()
    {
        await using var service = await StartAsync(Watchdog);

        Assert.Equal(["READY=1"], _listener.Pending());
        Assert.Equal(TimeSpan.FromSeconds(2), service.PingInterval);
    }

    [Fact]
    public async Task Timer_SamplingHealthy_PingsAtHalfTheWatchdogInterval()
    {
        await using var service = await StartAsync(Watchdog);
        _listener.Pending();

        SampleFor(TimeSpan.FromSeconds(6));

        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"], _listener.Pending());
    }

    [Fact]
    public async Task Timer_SamplingStalled_StopsPinging()
    {
        await using var service = await StartAsync(Watchdog);
        SampleFor(TimeSpan.FromSeconds(2));
        _listener.Pending();

        // The sampling loop stops publishing (a hung bus, a dead timer): only the clock moves on.
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.False(service.IsSamplingHealthy);
        Assert.Empty(_listener.Pending());
    }

    [Fact]
    public async Task Timer_SamplingResumes_PingsAgain()
    {
        await using var service = await StartAsync(Watchdog);
        SampleFor(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(4));
        _listener.Pending();

        SampleFor(TimeSpan.FromSeconds(2));

        Assert.Equal(["WATCHDOG=1"], _listener.Pending());
    }

    [Fact]
    public async Task IsSamplingHealthy_SweepJustOlderThanThreeIntervalsOrOneSecond_IsStale()
    {
        await using var service = await StartAsync(Watchdog, interval: TimeSpan.FromMilliseconds(500));
        Publish();

        _time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.True(service.IsSamplingHealthy);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(service.IsSamplingHealthy);
        Assert.Equal(TimeSpan.FromSeconds(1), new SystemdWatchdogService(_notifier, Environment(Watchdog), _hub, _time,
            Options.Create(new SamplingOptions { Interval = TimeSpan.FromMilliseconds(5) }), NullLogger<SystemdWatchdogService>.Instance).MaxSweepAge);
    }

    [Fact]
    public async Task StoppingAsync_SendsStoppingAndEndsThePings()
    {
        await using var service = await StartAsync(Watchdog);
        _listener.Pending();

        await service.StoppingAsync(CancellationToken.None);
        SampleFor(TimeSpan.FromSeconds(6));

        Assert.Equal(["STOPPING=1"], _listener.Pending());
    }

    [Fact]
    public async Task StartedAsync_NoWatchdogConfigured_ReadyButNoPings()
    {
        await using var service = await StartAsync(watchdog: null);

        SampleFor(TimeSpan.FromSeconds(6));

        Assert.Null(service.PingInterval);
        Assert.Equal(["READY=1"], _listener.Pending());
    }

    private SystemdEnvironment Environment(TimeSpan? watchdog) => new(_listener.Address, watchdog);

    private async Task<SystemdWatchdogService> StartAsync(TimeSpan? watchdog, TimeSpan? interval = null)
    {
        var sampling = new SamplingOptions { Interval = interval ?? TimeSpan.FromMilliseconds(100) };
        var service = new SystemdWatchdogService(_notifier, Environment(watchdog), _hub, _time, Options.Create(sampling), NullLogger<SystemdWatchdogService>.Instance);
        await service.StartingAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);
        await service.StartedAsync(CancellationToken.None);
        return service;
    }

    /// <summary>A healthy sampling loop: one sweep per 100 ms of fake time.</summary>
    private void SampleFor(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(100))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            Publish();
        }
    }

    private void Publish() => _hub.Publish(new ChassisSnapshot(++_sweep, _time.GetUtcNow(), TimeSpan.Zero, 5.0, [], []));
}
