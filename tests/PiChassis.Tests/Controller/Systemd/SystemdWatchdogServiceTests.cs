using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Systemd;
using PiChassis.Tests.Controller.Mqtt;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Systemd;

public sealed class SystemdWatchdogServiceTests : IDisposable
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(4);
    private readonly TestEngine _engine = new();
    private readonly FakeTimeProvider _time;
    private readonly SnapshotHub _hub = new();
    private readonly PowerEngineLoop _loop;
    private readonly NotifySocketListener _listener = NotifySocketListener.InTempDirectory();
    private readonly ISystemdNotifier _notifier;
    private long _sweep;

    public SystemdWatchdogServiceTests()
    {
        _notifier = _listener.Notifier();
        _time = _engine.Time;
        _loop = new PowerEngineLoop(_engine.Engine, _hub, NullLogger<PowerEngineLoop>.Instance, time: _time);
        _loop.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _loop.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _listener.Dispose();
    }

    [Fact]
    public async Task StartedAsync_WatchdogConfigured_PingsAtHalfItAndSendsNothingYet()
    {
        await using var service = await StartAsync(Watchdog);

        Assert.Equal(TimeSpan.FromSeconds(2), service.PingInterval);
        Assert.Empty(_listener.Pending());
    }

    [Fact]
    public async Task Ping_ManagerGone_DoesNotThrow()
    {
        ISystemdNotifier gone;
        using (var listener = NotifySocketListener.InTempDirectory())
        {
            gone = listener.Notifier();
        }

        await using var service = await StartAsync(Watchdog, notifier: gone);
        await SampleFor(TimeSpan.FromSeconds(1));

        Assert.True(service.IsSamplingHealthy && service.IsEngineHealthy);
        service.Ping();
    }

    [Fact]
    public async Task Timer_SamplingHealthy_PingsAtHalfTheWatchdogInterval()
    {
        await using var service = await StartAsync(Watchdog);
        _listener.Pending();

        await SampleFor(TimeSpan.FromSeconds(6));

        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"], _listener.Pending());
    }

    [Fact]
    public async Task Timer_SamplingStalled_StopsPinging()
    {
        await using var service = await StartAsync(Watchdog);
        await SampleFor(TimeSpan.FromSeconds(2));
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
        await SampleFor(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(4));
        _listener.Pending();

        await SampleFor(TimeSpan.FromSeconds(2));

        Assert.Equal(["WATCHDOG=1"], _listener.Pending());
    }

    [Fact]
    public async Task IsSamplingHealthy_SweepJustOlderThanThreeIntervalsOrOneSecond_IsStale()
    {
        await using var service = await StartAsync(Watchdog, interval: TimeSpan.FromMilliseconds(500));
        await Publish();

        _time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.True(service.IsSamplingHealthy);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(service.IsSamplingHealthy);
        Assert.Equal(TimeSpan.FromSeconds(1), new SystemdWatchdogService(_notifier, Environment(Watchdog), _hub, _loop, _time,
            Options.Create(new SamplingOptions { Interval = TimeSpan.FromMilliseconds(5) }), NullLogger<SystemdWatchdogService>.Instance).MaxSweepAge);
    }

    [Fact]
    public async Task Timer_EngineStepStuckWhileSamplingGoesOn_StopsPinging()
    {
        await using var service = await StartAsync(Watchdog);
        await SampleFor(TimeSpan.FromSeconds(2));
        _listener.Pending();
        using var release = new ManualResetEventSlim();
        using var stuck = new ManualResetEventSlim();
        _loop.Post(_ =>
        {
            stuck.Set();
            release.Wait();
        });
        try
        {
            stuck.Wait();

            // Sweeps go on being published, but no engine step completes.
            for (var t = TimeSpan.Zero; t < TimeSpan.FromSeconds(4); t += TimeSpan.FromMilliseconds(100))
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                _hub.Publish(new ChassisSnapshot(++_sweep, _time.GetUtcNow(), TimeSpan.Zero, 5.0, [], []));
            }

            Assert.True(service.IsSamplingHealthy);
            Assert.False(service.IsEngineHealthy);
            Assert.Empty(_listener.Pending());
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Timer_EngineLoopFaulted_StopsPinging()
    {
        await using var service = await StartAsync(Watchdog);
        await SampleFor(TimeSpan.FromSeconds(1));
        _listener.Pending();

        _loop.Post(_ => throw new InvalidOperationException("injected step fault"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _loop.Completion);
        for (var t = TimeSpan.Zero; t < TimeSpan.FromSeconds(4); t += TimeSpan.FromMilliseconds(100))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            _hub.Publish(new ChassisSnapshot(++_sweep, _time.GetUtcNow(), TimeSpan.Zero, 5.0, [], []));
        }

        Assert.False(service.IsEngineHealthy);
        Assert.Empty(_listener.Pending());
    }

    [Fact]
    public async Task StoppingAsync_EndsThePings()
    {
        await using var service = await StartAsync(Watchdog);
        _listener.Pending();

        await service.StoppingAsync(CancellationToken.None);
        await SampleFor(TimeSpan.FromSeconds(6));

        Assert.Empty(_listener.Pending());
    }

    [Fact]
    public async Task StartedAsync_NoWatchdogConfigured_NoPings()
    {
        await using var service = await StartAsync(watchdog: null);

        await SampleFor(TimeSpan.FromSeconds(6));

        Assert.Null(service.PingInterval);
        Assert.Empty(_listener.Pending());
    }

    private static SystemdEnvironment Environment(TimeSpan? watchdog) => new(watchdog);

    private async Task<SystemdWatchdogService> StartAsync(TimeSpan? watchdog, TimeSpan? interval = null, ISystemdNotifier? notifier = null)
    {
        var sampling = new SamplingOptions { Interval = interval ?? TimeSpan.FromMilliseconds(100) };
        var service = new SystemdWatchdogService(notifier ?? _notifier, Environment(watchdog), _hub, _loop, _time, Options.Create(sampling), NullLogger<SystemdWatchdogService>.Instance);
        await service.StartingAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);
        await service.StartedAsync(CancellationToken.None);
        return service;
    }

    /// <summary>A healthy sampling loop: one sweep per 100 ms of fake time, each handled by the engine loop before the clock moves on.</summary>
    private async Task SampleFor(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(100))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Publish();
        }
    }

    private async Task Publish()
    {
        _hub.Publish(new ChassisSnapshot(++_sweep, _time.GetUtcNow(), TimeSpan.Zero, 5.0, [], []));
        await _loop.RunAsync(_ => 0);
    }
}
