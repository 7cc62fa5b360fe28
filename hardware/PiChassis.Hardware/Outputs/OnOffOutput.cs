using System.Device.Gpio;
using PiChassis.Hardware.Expander;

namespace PiChassis.Hardware.Outputs;

/// <summary>
/// A pin that switches something on or off (an LED, an on/off fan), on a controller GPIO or an
/// MCP23017 output: it maps on/off through the wiring's polarity, writes only when the level
/// changes, and reports a pin that cannot be opened or written as a <see cref="HardwareException"/>
/// naming the pin and what hangs on it. The LED and fan drivers keep only what is theirs (duty,
/// which level they open at).
/// </summary>
public sealed class OnOffOutput
{
    private readonly Action<bool> _write;
    private readonly bool _activeLow;
    private bool _level;

    private OnOffOutput(Action<bool> write, bool activeLow, bool level)
    {
        _write = write;
        _activeLow = activeLow;
        _level = level;
    }

    /// <summary>Whether what hangs on the pin is on (lit, running).</summary>
    public bool IsOn => _level != _activeLow;

    /// <summary>Opens a GPIO pin as an output, driven at once to <paramref name="on"/>.</summary>
    /// <param name="controller">The controller; the pin must not be open on it yet.</param>
    /// <param name="pin">The pin in the controller's numbering (BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">True when a low level turns it on (an LED sinking into the pin).</param>
    /// <param name="on">The state to open in.</param>
    /// <param name="what">What hangs on the pin, for the error message ("LED", "fan").</param>
    /// <exception cref="HardwareException">The pin could not be opened.</exception>
    public static OnOffOutput OpenGpio(GpioController controller, int pin, bool activeLow, bool on, string what)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var level = on != activeLow;
        try
        {
            controller.OpenPin(pin, PinMode.Output, level ? PinValue.High : PinValue.Low);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new HardwareException($"GPIO {pin}: could not open the {what} output.", e);
        }

        return new OnOffOutput(
            high =>
            {
                try
                {
                    controller.Write(pin, high ? PinValue.High : PinValue.Low);
                }
                catch (IOException e)
                {
                    throw new HardwareException($"GPIO {pin}: could not write the {what} output.", e);
                }
            },
            activeLow,
            level);
    }

    /// <summary>
    /// Takes over an MCP23017 pin: one that already is an output keeps its level (like the relays on
    /// the same chip, nothing is written); otherwise it is configured to <paramref name="onIfNew"/>.
    /// </summary>
    /// <param name="expander">The chip; shared with other outputs and relays on it.</param>
    /// <param name="pin">0–7 for GPA0–GPA7, 8–15 for GPB0–GPB7.</param>
    /// <param name="activeLow">True when a low level turns it on.</param>
    /// <param name="onIfNew">The state of a pin that was not yet an output.</param>
    /// <exception cref="HardwareException">The pin had to be configured and the chip did not answer.</exception>
    public static OnOffOutput AdoptExpander(Mcp23017Expander expander, int pin, bool activeLow, bool onIfNew)
    {
        ArgumentNullException.ThrowIfNull(expander);
        var level = expander.ConfigureOutput(pin, levelIfNotAlreadyOutput: onIfNew != activeLow);
        return new OnOffOutput(high => expander.SetOutput(pin, high), activeLow, level);
    }

    /// <exception cref="HardwareException">The output could not be written.</exception>
    public void Set(bool on)
    {
        var level = on != _activeLow;
        if (level == _level)
        {
            return;
        }

        _write(level);
        _level = level;
    }
}
