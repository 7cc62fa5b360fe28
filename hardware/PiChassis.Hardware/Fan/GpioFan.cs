using System.Device.Gpio;
using PiChassis.Hardware.Outputs;

namespace PiChassis.Hardware.Fan;

/// <summary>
/// A fan switched on and off by a GPIO pin, the fallback when no PWM channel is free: any duty
/// above zero runs it flat out. Opens running and writes only when the fan starts or stops.
/// </summary>
public sealed class GpioFan : IFan
{
    private readonly OnOffOutput _output;

    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">True when a low level runs the fan.</param>
    /// <exception cref="HardwareException">The pin could not be opened.</exception>
    public GpioFan(GpioController controller, int pin, bool activeLow = false) =>
        _output = OnOffOutput.OpenGpio(controller, pin, activeLow, on: true, "fan");

    public double DutyPercent => _output.IsOn ? 100 : 0;

    public void SetDuty(double dutyPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dutyPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dutyPercent, 100);
        _output.Set(dutyPercent > 0);
    }
}
