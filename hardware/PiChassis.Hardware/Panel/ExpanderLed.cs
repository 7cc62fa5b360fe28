using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Outputs;

namespace PiChassis.Hardware.Panel;

/// <summary>
/// An LED on an MCP23017 output. Adopts the level it finds (like the relays on the same chip,
/// opening writes nothing to a configured output; a new output comes up dark) and writes only when
/// the level changes.
/// </summary>
public sealed class ExpanderLed : ILed
{
    private readonly OnOffOutput _output;

    /// <param name="expander">The chip; shared with other LEDs and relays on it.</param>
    /// <param name="pin">0–7 for GPA0–GPA7, 8–15 for GPB0–GPB7.</param>
    /// <param name="activeLow">True when the LED sinks into the pin (lit at a low level).</param>
    /// <exception cref="HardwareException">The pin had to be configured and the chip did not answer.</exception>
    public ExpanderLed(Mcp23017Expander expander, int pin, bool activeLow = false) =>
        _output = OnOffOutput.AdoptExpander(expander, pin, activeLow, onIfNew: false);

    public bool IsLit => _output.IsOn;

    public void Set(bool lit) => _output.Set(lit);
}
