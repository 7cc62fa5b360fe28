namespace PiChassis.Controller.Configuration;

/// <summary>A digital output (relay or LED): a Pi GPIO pin or a pin of an MCP23017 expander.</summary>
public sealed class OutputOptions
{
    /// <summary><c>gpio</c> or <c>mcp23017</c>.</summary>
    public string Driver { get; set; } = "mcp23017";

    /// <summary>The expander's address (mcp23017 only).</summary>
    public I2cAddress? Address { get; set; }

    /// <summary>BCM GPIO number (gpio) or expander pin 0-15 (GPA0-7, GPB0-7).</summary>
    public int? Pin { get; set; }

    /// <summary>True when the output is on at a low level (many relay modules).</summary>
    public bool ActiveLow { get; set; }
}
