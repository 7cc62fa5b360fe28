using PiChassis.Hardware.Expander;

namespace PiChassis.Hardware.Relays;

/// <summary>
/// A slot relay on an MCP23017 output. Opening adopts the output as found, so a controller
/// restart never switches a slot; a pin that was not yet an output comes up open.
/// </summary>
public sealed class ExpanderRelay : IRelay
{
    private readonly Mcp23017Expander _expander;
    private readonly int _pin;
    private readonly bool _activeLow;

    /// <param name="expander">The chip; shared with other relays and LEDs on it.</param>
    /// <param name="pin">0–7 for GPA0–GPA7, 8–15 for GPB0–GPB7.</param>
    /// <param name="activeLow">True when a low output closes the relay (most relay boards).</param>
    /// <exception cref="HardwareException">The pin had to be configured and the chip did not answer.</exception>
    public ExpanderRelay(Mcp23017Expander expander, int pin, bool activeLow)
    {
        ArgumentNullException.ThrowIfNull(expander);
        _expander = expander;
        _pin = pin;
        _activeLow = activeLow;
        InitialClosed = expander.ConfigureOutput(pin, LevelFor(closed: false)) != activeLow;
    }

    /// <summary>Whether the relay was closed when this driver took it over.</summary>
    public bool InitialClosed { get; }

    public bool IsClosed => _expander.OutputLevel(_pin) != _activeLow;

    public void Set(bool closed) => _expander.SetOutput(_pin, LevelFor(closed));

    private bool LevelFor(bool closed) => closed != _activeLow;
}
