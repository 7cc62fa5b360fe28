using System.Device.Gpio;

namespace PiChassis.Hardware.Panel;

/// <summary>An LED on a controller GPIO pin; opens dark and writes only when its level changes.</summary>
public sealed class GpioLed : ILed
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;

    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">True when the LED sinks into the pin (lit at a low level).</param>
    public GpioLed(GpioController controller, int pin, bool activeLow = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
        try
        {
            controller.OpenPin(pin, PinMode.Output, LevelFor(lit: false));
        }
        catch (IOException ex)
        {
            throw new HardwareException($"GPIO {pin}: could not open the LED output.", ex);
        }
    }

    public bool IsLit { get; private set; }

    public void Set(bool lit)
    {
        if (lit == IsLit)
        {
            return;
        }

        try
        {
            _controller.Write(_pin, LevelFor(lit));
        }
        catch (IOException ex)
        {
            throw new HardwareException($"GPIO {_pin}: could not write the LED output.", ex);
        }

        IsLit = lit;
    }

    private PinValue LevelFor(bool lit) => lit != _activeLow ? PinValue.High : PinValue.Low;
}
