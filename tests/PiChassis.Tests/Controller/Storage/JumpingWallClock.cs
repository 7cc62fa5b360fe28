using Microsoft.Extensions.Time.Testing;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>
/// A fake clock whose wall time can jump (an NTP sync on a Pi without a real-time clock) while its
/// monotonic timestamps and timers run on steadily, as on a real machine. FakeTimeProvider's own
/// AdjustTime moves its timestamps too, so it cannot show the difference.
/// </summary>
internal sealed class JumpingWallClock(FakeTimeProvider steady) : TimeProvider
{
    private TimeSpan _offset;

    public FakeTimeProvider Steady => steady;

    public override TimeZoneInfo LocalTimeZone => steady.LocalTimeZone;

    public override long TimestampFrequency => steady.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => steady.GetUtcNow() + _offset;

    public override long GetTimestamp() => steady.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        steady.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the wall clock by <paramref name="by"/>, forwards or backwards.</summary>
    public void Jump(TimeSpan by) => _offset += by;
}
