using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Sampling;

/// <summary>
/// Ticks the sampler at the sample interval on the injected clock and publishes each snapshot.
/// The timer is created in StartAsync so tests with a FakeTimeProvider drive it deterministically.
/// </summary>
public sealed partial class SamplingService(
    Sampler sampler,
    SnapshotHub hub,
    TimeProvider time,
    IOptions<SamplingOptions> options,
    ILogger<SamplingService> logger) : IHostedService, IAsyncDisposable
{
    private readonly Lock _tickLock = new();
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Tick();
        var interval = options.Value.Interval;
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>One sweep and its publication; a slow sweep makes the next tick skip, never overlap.</summary>
    public void Tick()
    {
        if (!_tickLock.TryEnter())
        {
            return;
        }

        try
        {
            hub.Publish(sampler.Sweep());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogTickFailed(e);
        }
        finally
        {
            _tickLock.Exit();
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Sampling tick failed")]
    private partial void LogTickFailed(Exception exception);
}
