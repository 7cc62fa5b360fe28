using Microsoft.Extensions.Hosting;

namespace PiChassis.Controller.Hosting;

/// <summary>
/// A hosted service that does one thing every period on the injected clock. The timer is created
/// in StartAsync (not on the thread pool of ExecuteAsync), so tests with a FakeTimeProvider drive
/// it deterministically by advancing one period at a time; <see cref="Tick"/> is callable directly.
/// </summary>
public abstract class PeriodicService(TimeProvider time) : IHostedService, IAsyncDisposable
{
    private ITimer? _timer;

    /// <summary>The period; zero or negative: the service does not run.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>Whether to tick once at start, before the first period has passed.</summary>
    protected virtual bool TickAtStart => false;

    public virtual Task StartAsync(CancellationToken cancellationToken)
    {
        if (Period <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        if (TickAtStart)
        {
            Tick();
        }

        _timer = time.CreateTimer(_ => Tick(), null, Period, Period);
        return Task.CompletedTask;
    }

    public virtual async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>One period's work; must not throw.</summary>
    public abstract void Tick();
}
