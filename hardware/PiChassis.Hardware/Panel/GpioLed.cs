using System.Device.Gpio;
using PiChassis.Hardware.Outputs;

namespace PiChassis.Hardware.Panel;

/// <summary>An LED on a controller GPIO pin; opens dark and writes only when its level changes.</summary>
public sealed class GpioLed : ILed
{
    private readonly OnOffOutput _output;

    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">True when the LED sinks into the pin (lit at a low level).</param>
    /// <exception cref="HardwareException">The pin could not be opened.</exception>
    public GpioLed(GpioController controller, int pin, bool activeLow = false) =>
        _output = OnOffOutput.OpenGpio(controller, pin, activeLow, on: false, "LED");

    public bool IsLit => _output.IsOn;

    public void Set(bool lit) => _output.Set(lit);
}
