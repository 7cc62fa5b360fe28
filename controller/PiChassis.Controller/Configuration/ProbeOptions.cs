namespace PiChassis.Controller.Configuration;

/// <summary>A chassis temperature probe.</summary>
public sealed class ProbeOptions
{
    /// <summary>The name used in telemetry, e.g. <c>inlet</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>mcp9808</c>, <c>lm75</c> or <c>soc</c> (the controller Pi's own SoC).</summary>
    public string Driver { get; set; } = "mcp9808";

    public I2cAddress? Address { get; set; }
}
