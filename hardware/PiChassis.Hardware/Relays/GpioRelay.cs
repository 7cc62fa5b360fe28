using System.Device.Gpio;

namespace PiChassis.Hardware.Relays;

/// <summary>
/// A slot relay on a controller GPIO pin. Opening reads the pin's present level and makes it an
/// output at that same level, so taking the relay over does not switch the slot.
/// </summary>
/// <remarks>
/// The pin stays open for the life of the controller and is never closed here: some drivers
/// drive a pin low when it is closed. See Relays/README.md for which GPIO drivers keep a level across
/// a restart.
/// </remarks>
public sealed class GpioRelay : IRelay
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;
    private PinValue _level;

    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">True when a low output closes the relay (most relay boards).</param>
    /// <exception cref="HardwareException">The pin could not be read or configured.</exception>
    public GpioRelay(GpioController controller, int pin, bool activeLow)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
        try
        {
            controller.OpenPin(pin);
            _level = controller.Read(pin);
            controller.ClosePin(pin);
            controller.OpenPin(pin, PinMode.Output, _level);
        }
        catch (IOException ex)
        {
            if (controller.IsPinOpen(pin))
            {
                controller.ClosePin(pin);
            }

            throw new HardwareException($"GPIO {pin}: could not take over the relay output.", ex);
        }

        InitialClosed = IsClosed;
    }

    /// <summary>Whether the relay was closed when this driver took it over.</summary>
    public bool InitialClosed { get; }

    public bool IsClosed => (_level == PinValue.High) != _activeLow;

    public void Set(bool closed)
    {
        PinValue level = closed != _activeLow ? PinValue.High : PinValue.Low;
        if (level == _level)
        {
            return;
        }

        try
        {
            _controller.Write(_pin, level);
        }
        catch (IOException ex)
        {
            throw new HardwareException($"GPIO {_pin}: could not write the relay output.", ex);
        }

        _level = level;
    }
}
