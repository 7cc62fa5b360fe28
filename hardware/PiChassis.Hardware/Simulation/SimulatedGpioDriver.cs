using System.Device.Gpio;

namespace PiChassis.Hardware.Simulation;

/// <summary>
/// A GPIO driver for <c>new GpioController(new SimulatedGpioDriver(...))</c>, so the real button,
/// LED and relay drivers run in tests and in the simulator. Opening or closing a pin keeps its
/// mode and level, as a released Linux GPIO line does. An input reads the level driven from
/// outside (<see cref="SetInputLevel"/>), else its pull (pull-up high, otherwise low).
/// Thread-safe; edge callbacks run on the thread that changed the level, outside the lock.
/// </summary>
public sealed partial class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly PinMode[] _modes;
    private readonly bool[] _latches;
    private readonly bool?[] _external;
    private readonly long[] _writes;
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];
    private readonly PinJournal _journal;

    /// <param name="timeProvider">Clock for the journal's timestamps.</param>
    /// <param name="pinCount">Number of pins (a Raspberry Pi header has GPIO 0–27).</param>
    public SimulatedGpioDriver(TimeProvider timeProvider, int pinCount = 28)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pinCount);
        _modes = new PinMode[pinCount];
        _latches = new bool[pinCount];
        _external = new bool?[pinCount];
        _writes = new long[pinCount];
        _journal = new PinJournal(timeProvider);
    }

    protected override int PinCount => _modes.Length;

    protected override void OpenPin(int pinNumber) => Validate(pinNumber);

    protected override void ClosePin(int pinNumber)
    {
        Validate(pinNumber);
        lock (_gate)
        {
            _callbacks.RemoveAll(c => c.Pin == pinNumber);
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinMode GetPinMode(int pinNumber)
    {
        Validate(pinNumber);
        lock (_gate)
        {
            return _modes[pinNumber];
        }
    }

    /// <summary>Switching to output keeps the latched level, as the SoC's function select does.</summary>
    protected override void SetPinMode(int pinNumber, PinMode mode) =>
        Update(pinNumber, pin => _modes[pin] = mode);

    /// <summary>Latches the level before switching, so the pin never drives anything else.</summary>
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue) =>
        Update(pinNumber, pin =>
        {
            if (mode == PinMode.Output)
            {
                _latches[pin] = initialValue == PinValue.High;
                _writes[pin]++;
            }

            _modes[pin] = mode;
        });

    protected override PinValue Read(int pinNumber)
    {
        Validate(pinNumber);
        lock (_gate)
        {
            return LevelOf(pinNumber) ? PinValue.High : PinValue.Low;
        }
    }

    /// <summary>Latches the level; it is driven only while the pin is an output.</summary>
    protected override void Write(int pinNumber, PinValue value) =>
        Update(pinNumber, pin =>
        {
            _latches[pin] = value == PinValue.High;
            _writes[pin]++;
        });

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _callbacks.Clear();
        }

        base.Dispose(disposing);
    }

    // Applies a change to one pin, journals a change of the driven level, and raises the edge
    // callbacks if an input's level changed.
    private void Update(int pin, Action<int> change)
    {
        Validate(pin);
        PinEventTypes edge;
        PinChangeEventHandler[] handlers;
        lock (_gate)
        {
            bool? drivenBefore = DrivenLevelOf(pin);
            bool levelBefore = LevelOf(pin);
            change(pin);
            bool? drivenAfter = DrivenLevelOf(pin);
            if (drivenAfter != drivenBefore)
            {
                _journal.Record(pin, drivenAfter);
            }

            bool levelAfter = LevelOf(pin);
            if (drivenAfter is not null || levelAfter == levelBefore)
            {
                return;
            }

            edge = levelAfter ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = [.. _callbacks.Where(c => c.Pin == pin && (c.Types & edge) != 0).Select(c => c.Handler)];
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (PinChangeEventHandler handler in handlers)
        {
            handler(this, args);
        }
    }

    private bool? DrivenLevelOf(int pin) => _modes[pin] == PinMode.Output ? _latches[pin] : null;

    private bool LevelOf(int pin) =>
        DrivenLevelOf(pin) ?? _external[pin] ?? _modes[pin] == PinMode.InputPullUp;

    private void Validate(int pin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pin, _modes.Length);
    }
}
