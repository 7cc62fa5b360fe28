using PiChassis.Hardware;

namespace PiChassis.Controller.Panel;

/// <summary>
/// Turns a debounced button's edges into gestures, timed on the injected clock. A hold reaching
/// the longest threshold is reported at once, while the button is still down, so the operator
/// sees the effect; shorter holds are classified on release. With a double-press window, a short
/// press is reported only once the window has passed without a second press. Each press gives
/// exactly one gesture. Thread-safe.
/// </summary>
public sealed class PressClassifier : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _long;
    private readonly TimeSpan? _veryLong;
    private readonly TimeSpan? _doubleWindow;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private DateTimeOffset? _downAt;
    private bool _secondPress;
    private bool _awaitingSecond;
    private bool _disposed;

    /// <param name="longPress">A hold this long is <see cref="PressGesture.LongPress"/>.</param>
    /// <param name="veryLongPress">A hold this long is <see cref="PressGesture.VeryLongPress"/>; null: none.</param>
    /// <param name="doublePressWindow">A second press this soon after a release is <see cref="PressGesture.DoublePress"/>; null: none.</param>
    public PressClassifier(TimeProvider time, TimeSpan longPress, TimeSpan? veryLongPress = null, TimeSpan? doublePressWindow = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (veryLongPress is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, longPress, nameof(veryLongPress));
        }

        _time = time;
        _long = longPress;
        _veryLong = veryLongPress;
        _doubleWindow = doublePressWindow;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised once per press, on the thread that saw its last edge or its timer; handlers must be quick.</summary>
    public event EventHandler<PressGesture>? Pressed;

    private TimeSpan Longest => _veryLong ?? _long;

    /// <summary>Feed every settled edge of the button here.</summary>
    public void OnEdge(ButtonEdge edge)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (edge.Pressed)
            {
                _secondPress = _awaitingSecond;
                _awaitingSecond = false;
                _downAt = edge.At;
                _timer.Change(Longest, Timeout.InfiniteTimeSpan);
                return;
            }

            if (_downAt is not { } down)
            {
                // The hold already reached the longest threshold, or the button was down at start.
                return;
            }

            _downAt = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var held = edge.At - down;
            if (held >= _long)
            {
                Raise(PressGesture.LongPress);
            }
            else if (_secondPress)
            {
                Raise(PressGesture.DoublePress);
            }
            else if (_doubleWindow is { } window)
            {
                _awaitingSecond = true;
                _timer.Change(window, Timeout.InfiniteTimeSpan);
            }
            else
            {
                Raise(PressGesture.ShortPress);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_awaitingSecond)
            {
                _awaitingSecond = false;
                Raise(PressGesture.ShortPress);
            }
            else if (_downAt is { } down)
            {
                var held = _time.GetUtcNow() - down;
                if (held < Longest)
                {
                    // A timer may run a little early; wait for the rest.
                    _timer.Change(Longest - held, Timeout.InfiniteTimeSpan);
                    return;
                }

                _downAt = null;
                Raise(_veryLong is null ? PressGesture.LongPress : PressGesture.VeryLongPress);
            }
        }
    }

    // Raised under the lock so that gestures reach the handler in order.
    private void Raise(PressGesture gesture) => Pressed?.Invoke(this, gesture);
}
