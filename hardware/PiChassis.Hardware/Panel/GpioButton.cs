using System.Device.Gpio;

namespace PiChassis.Hardware.Panel;

/// <summary>
/// A push button on a controller GPIO pin, debounced on the injected clock: every raw edge
/// restarts a one-shot timer, and when the line has been quiet for the debounce time the pin is
/// read once. A bouncing contact therefore gives exactly one <see cref="Changed"/> per real change.
/// </summary>
public sealed class GpioButton : IButton
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(30);

    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _debounce;
    private readonly ITimer _settleTimer;
    private readonly Lock _gate = new();
    private bool _pressed;
    private bool _disposed;

    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="timeProvider">Clock for the debounce timer and the edge timestamps.</param>
    /// <param name="debounce">Quiet time before a level counts as settled; default 30 ms.</param>
    /// <param name="activeLow">True when pressing pulls the line low (button to ground).</param>
    /// <param name="inputMode">Input mode with its pull resistor; pull-up suits an active-low button.</param>
    public GpioButton(
        GpioController controller,
        int pin,
        TimeProvider timeProvider,
        TimeSpan? debounce = null,
        bool activeLow = true,
        PinMode inputMode = PinMode.InputPullUp)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _debounce = debounce ?? DefaultDebounce;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_debounce, TimeSpan.Zero, nameof(debounce));
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
        _timeProvider = timeProvider;

        controller.OpenPin(pin, inputMode);
        _settleTimer = timeProvider.CreateTimer(_ => Settle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Listen before reading the initial level, so an edge in between is not lost.
        controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnRawEdge);
        lock (_gate)
        {
            _pressed = IsPressedLevel(controller.Read(pin));
        }
    }

    public bool IsPressed
    {
        get
        {
            lock (_gate)
            {
                return _pressed;
            }
        }
    }

    public event EventHandler<ButtonEdge>? Changed;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _settleTimer.Dispose();
        }

        _controller.UnregisterCallbackForPinValueChangedEvent(_pin, OnRawEdge);
        _controller.ClosePin(_pin);
    }

    private void OnRawEdge(object sender, PinValueChangedEventArgs e)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _settleTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Settle()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            bool pressed = IsPressedLevel(_controller.Read(_pin));
            if (pressed == _pressed)
            {
                return;
            }

            _pressed = pressed;
            // Raised under the lock so that handlers see the edges in order.
            Changed?.Invoke(this, new ButtonEdge(pressed, _timeProvider.GetUtcNow()));
        }
    }

    private bool IsPressedLevel(PinValue level) => (level == PinValue.Low) == _activeLow;
}
