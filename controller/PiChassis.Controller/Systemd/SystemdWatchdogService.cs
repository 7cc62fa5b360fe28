using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Systemd;

/// <summary>
/// When the unit has <c>WatchdogSec</c>, tells systemd WATCHDOG=1 at half that interval, but only
/// while the sampling loop publishes sweeps and the engine loop completes steps: a hung bus, a dead
/// sampling timer or a stuck or dead engine stops the pings and systemd restarts the controller
/// (which adopts the running slots, so the nodes are not disturbed). READY=1 and STOPPING=1 come from
/// the library's <see cref="SystemdLifetime"/>; it has no watchdog, so the pings are ours.
/// </summary>
public sealed partial class SystemdWatchdogService : IHostedLifecycleService, IAsyncDisposable
{
    private const long NoSweep = long.MinValue;
    private static readonly TimeSpan MinSweepAge = TimeSpan.FromSeconds(1);
    private static readonly ServiceState WatchdogPing = new("WATCHDOG=1");
    private readonly ISystemdNotifier _notifier;
    private readonly SystemdEnvironment _environment;
    private readonly SnapshotHub _hub;
    private readonly PowerEngineLoop _loop;
    private readonly TimeProvider _time;
    private readonly ILogger<SystemdWatchdogService> _logger;
    private readonly ControllerFault? _fault;
    private long _lastSweep = NoSweep;
    private bool _stalled;
    private ITimer? _timer;

    public SystemdWatchdogService(
        ISystemdNotifier notifier,
        SystemdEnvironment environment,
        SnapshotHub hub,
        PowerEngineLoop loop,
        TimeProvider time,
        IOptions<SamplingOptions> sampling,
        ILogger<SystemdWatchdogService> logger,
        ControllerFault? fault = null)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        _notifier = notifier;
        _environment = environment;
        _hub = hub;
        _loop = loop;
        _time = time;
        _logger = logger;
        _fault = fault;

        // Three missed sweeps is a stall, not jitter; the floor keeps GC pauses at a 5 ms interval from counting.
        MaxSweepAge = TimeSpan.FromTicks(Math.Max(3 * sampling.Value.Interval.Ticks, MinSweepAge.Ticks));
    }

    /// <summary>The sampling loop counts as healthy while its latest sweep is at most this old.</summary>
    public TimeSpan MaxSweepAge { get; }

    /// <summary>How often the watchdog is pinged: half of <c>WATCHDOG_USEC</c>; null without a watchdog.</summary>
    public TimeSpan? PingInterval => _notifier.IsEnabled ? _environment.WatchdogInterval / 2 : null;

    public bool IsSamplingHealthy
    {
        get
        {
            var last = Interlocked.Read(ref _lastSweep);
            return last != NoSweep && _time.GetElapsedTime(last) <= MaxSweepAge;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Before the sampling service starts, so the first sweep (taken in its StartAsync) counts.
        _hub.Sampled += OnSampled;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (PingInterval is { } interval)
        {
            LogWatchdog(interval);
            _timer = _time.CreateTimer(_ => Ping(), null, interval, interval);
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _hub.Sampled -= OnSampled;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _timer, null) is { } timer)
        {
            await timer.DisposeAsync();
        }
    }

    /// <summary>
    /// The engine loop runs and has completed a step within <see cref="MaxSweepAge"/> (it steps on
    /// every sweep), and nothing the supervisor watches (the loop, the store's writer) has failed.
    /// </summary>
    public bool IsEngineHealthy => !_loop.Completion.IsCompleted && _fault?.What is null
        && _loop.LastStepAt is { } last && _time.GetElapsedTime(last) <= MaxSweepAge;

    /// <summary>One watchdog period: pings when sampling and the engine are healthy. Callable on its own for tests.</summary>
    public void Ping()
    {
        if (IsSamplingHealthy && IsEngineHealthy)
        {
            if (_stalled)
            {
                _stalled = false;
                LogResumed();
            }

            try
            {
                _notifier.Notify(WatchdogPing);
            }
            catch (SocketException)
            {
                // The service manager went away: there is nobody left to tell, and the timer must live on.
            }
        }
        else if (!_stalled)
        {
            _stalled = true;
            LogStalled(MaxSweepAge);
        }
    }

    private void OnSampled(object? sender, ChassisSnapshot snapshot) => Interlocked.Exchange(ref _lastSweep, _time.GetTimestamp());

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Feeding the systemd watchdog every {PingInterval}")]
    private partial void LogWatchdog(TimeSpan pingInterval);

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "No sampling sweep or no engine step for more than {MaxSweepAge}: withholding the systemd watchdog ping")]
    private partial void LogStalled(TimeSpan maxSweepAge);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Sampling and the engine run again: systemd watchdog pings resumed")]
    private partial void LogResumed();
}
