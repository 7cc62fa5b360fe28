using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Sampling;

namespace PiChassis.Perf.Latency;

/// <summary>
/// Where trip time goes besides the dwell: the gaps between sampling ticks (timer jitter, a
/// starved thread pool) and how long the engine loop takes to get to a sweep (queued commands,
/// GC). It also keeps the time of the last sweep, so a short's phase in the tick is known.
/// </summary>
public sealed class SweepProbe : IDisposable
{
    private readonly SnapshotHub _hub;
    private readonly HostedController _controller;
    private readonly ConcurrentQueue<TimeSpan> _gaps = new();
    private readonly ConcurrentQueue<TimeSpan> _loopDelays = new();
    private long _lastSweep;

    public SweepProbe(HostedController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _hub = controller.Services.GetRequiredService<SnapshotHub>();
        _hub.Sampled += OnSampled;
    }

    /// <summary>Stopwatch timestamp of the last sweep's publication.</summary>
    public long LastSweep => Volatile.Read(ref _lastSweep);

    public IReadOnlyCollection<TimeSpan> Gaps => _gaps;

    public IReadOnlyCollection<TimeSpan> LoopDelays => _loopDelays;

    /// <summary>Forgets what was seen so far (the warm-up).</summary>
    public void Reset()
    {
        _gaps.Clear();
        _loopDelays.Clear();
    }

    public void Dispose() => _hub.Sampled -= OnSampled;

    // Runs after the engine loop's own handler has queued the sweep: the work posted here runs right after the engine has handled it.
    private void OnSampled(object? sender, ChassisSnapshot snapshot)
    {
        var now = Stopwatch.GetTimestamp();
        var previous = Interlocked.Exchange(ref _lastSweep, now);
        if (previous != 0)
        {
            _gaps.Enqueue(Stopwatch.GetElapsedTime(previous, now));
        }

        _controller.Loop.Post(_ => _loopDelays.Enqueue(Stopwatch.GetElapsedTime(now)));
    }
}
