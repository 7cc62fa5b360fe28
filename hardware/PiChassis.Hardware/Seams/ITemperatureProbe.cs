namespace PiChassis.Hardware;

/// <summary>A chassis temperature probe (MCP9808, LM75, or the controller's SoC).</summary>
public interface ITemperatureProbe : IDisposable
{
    /// <exception cref="HardwareException">The probe did not answer.</exception>
    double ReadCelsius();
}
