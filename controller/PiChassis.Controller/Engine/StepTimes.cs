namespace PiChassis.Controller.Engine;

/// <summary>
/// How long the engine loop's steps took: the newest <see cref="Capacity"/> durations, kept for the
/// performance figures (p50, p99, max) and cheap enough to record on every step.
/// </summary>
public sealed class StepTimes
{
    public const int Capacity = 1 << 16;

    private readonly Lock _lock = new();
    private readonly long[] _ticks = new long[Capacity];
    private long _count;

    public void Add(TimeSpan duration)
    {
        lock (_lock)
        {
            _ticks[_count++ % Capacity] = duration.Ticks;
        }
    }

    /// <summary>Forgets what was recorded, e.g. after a warm-up.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _count = 0;
        }
    }

    /// <summary>The recorded durations, oldest first when fewer than <see cref="Capacity"/> were kept.</summary>
    public IReadOnlyList<TimeSpan> Snapshot()
    {
        lock (_lock)
        {
            var kept = (int)Math.Min(_count, Capacity);
            return [.. _ticks.Take(kept).Select(TimeSpan.FromTicks)];
        }
    }
}
