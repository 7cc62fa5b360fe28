using Microsoft.Extensions.Logging;
using PiChassis.Hardware;

namespace PiChassis.Controller.Panel;

/// <summary>
/// Plays patterns on one LED from its state, not from a loop: one timer on the injected clock is
/// set to the pattern's next edge, so a steady LED costs nothing and a blinking one exactly one
/// write per toggle. A one-shot pattern (refusal, lamp test) plays over the slot's own pattern if
/// it ranks higher, then the slot's pattern goes on where it would have been. Thread-safe.
/// </summary>
public sealed partial class PanelLed : IDisposable
{
    private readonly ILed _led;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private LedPattern _pattern = LedPatterns.Off;
    private long _patternStart;
    private LedPattern? _oneShot;
    private long _oneShotStart;
    private bool _failing;
    private bool _disposed;

    /// <param name="name">Names the LED in logs (<c>slot 3</c>, <c>status</c>).</param>
    public PanelLed(ILed led, string name, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(led);
        ArgumentNullException.ThrowIfNull(time);
        _led = led;
        _name = name;
        _time = time;
        _logger = logger;
        _patternStart = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Refresh(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The pattern on show now: a one-shot while it plays, else the LED's own.</summary>
    public LedPattern Showing
    {
        get
        {
            lock (_gate)
            {
                return _oneShot ?? _pattern;
            }
        }
    }

    /// <summary>Shows <paramref name="pattern"/> from now on; the same pattern again keeps its rhythm.</summary>
    public void Show(LedPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_gate)
        {
            if (pattern == _pattern)
            {
                return;
            }

            _pattern = pattern;
            _patternStart = _time.GetTimestamp();
            if (_oneShot is { } oneShot && oneShot.Precedence >= pattern.Precedence)
            {
                _oneShot = null;
            }

            RefreshLocked();
        }
    }

    /// <summary>Plays a one-shot pattern now, unless the LED's own pattern ranks as high or higher.</summary>
    public void Play(LedPattern oneShot)
    {
        ArgumentNullException.ThrowIfNull(oneShot);
        lock (_gate)
        {
            if (oneShot.Precedence >= _pattern.Precedence || (_oneShot is { } playing && playing.Precedence < oneShot.Precedence))
            {
                return;
            }

            _oneShot = oneShot;
            _oneShotStart = _time.GetTimestamp();
            RefreshLocked();
        }
    }

    /// <summary>Stops the pattern and leaves the LED dark (the controller no longer vouches for it).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            Write(false);
        }
    }

    private void Refresh()
    {
        lock (_gate)
        {
            RefreshLocked();
        }
    }

    private void RefreshLocked()
    {
        if (_disposed)
        {
            return;
        }

        var (lit, holds) = Level();
        Write(lit);
        _timer.Change(holds ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    // The one-shot's level while it plays; it never holds past its own end.
    private (bool Lit, TimeSpan? Holds) Level()
    {
        if (_oneShot is { } oneShot)
        {
            var played = _time.GetElapsedTime(_oneShotStart);
            if (!oneShot.HasEnded(played))
            {
                var (lit, holds) = oneShot.LevelAt(played);
                var left = oneShot.Period - played;
                return (lit, holds is { } h && h < left ? h : left);
            }

            _oneShot = null;
        }

        return _pattern.LevelAt(_time.GetElapsedTime(_patternStart));
    }

    private void Write(bool lit)
    {
        if (lit == _led.IsLit)
        {
            return;
        }

        try
        {
            _led.Set(lit);
            if (_failing)
            {
                _failing = false;
                LogLedRecovered(_name);
            }
        }
        catch (HardwareException e)
        {
            // Log the first failure only: a blinking LED would repeat it many times a second.
            if (!_failing)
            {
                _failing = true;
                LogLedFailed(e, _name);
            }
        }
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "LED {Led} could not be written")]
    private partial void LogLedFailed(Exception exception, string led);

    [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "LED {Led} is written again")]
    private partial void LogLedRecovered(string led);
}
