using System.Device.Gpio;

namespace PiChassis.Hardware.Fan;

/// <summary>
/// A fan switched on and off by a GPIO pin, the fallback when no PWM channel is free: any duty
/// above zero runs it flat out. Opens running and writes only when the fan starts or stops.
/// </summary>
public sealed class GpioFan : IFan
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;

    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">True when a low level runs the fan.</param>
    /// <exception cref="HardwareException">The pin could not be opened.</exception>
    public GpioFan(GpioController controller, int pin, bool activeLow = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
        try
        {
            controller.OpenPin(pin, PinMode.Output, LevelFor(running: true));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new HardwareException($"GPIO {pin}: could not open the fan output.", e);
        }
    }

    public double DutyPercent { get; private set; } = 100;

    public void SetDuty(double dutyPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dutyPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dutyPercent, 100);
        double applied = dutyPercent > 0 ? 100 : 0;
        if (applied == DutyPercent)
        {
            return;
        }

        try
        {
            _controller.Write(_pin, LevelFor(running: applied > 0));
        }
        catch (IOException e)
        {
            throw new HardwareException($"GPIO {_pin}: could not write the fan output.", e);
        }

        DutyPercent = applied;
    }

    private PinValue LevelFor(bool running) => running != _activeLow ? PinValue.High : PinValue.Low;
}
