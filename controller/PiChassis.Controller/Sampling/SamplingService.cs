using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Hosting;

namespace PiChassis.Controller.Sampling;

/// <summary>Ticks the sampler at the sample interval on the injected clock and publishes each snapshot.</summary>
public sealed partial class SamplingService(
    Sampler sampler,
    SnapshotHub hub,
    TimeProvider time,
    IOptions<SamplingOptions> options,
    ILogger<SamplingService> logger) : PeriodicService(time)
{
    private readonly Lock _tickLock = new();

    protected override TimeSpan Period => options.Value.Interval;

    protected override bool TickAtStart => true;

    /// <summary>One sweep and its publication; a slow sweep makes the next tick skip, never overlap.</summary>
    public override void Tick()
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
