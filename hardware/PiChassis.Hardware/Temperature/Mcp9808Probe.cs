using System.Device.I2c;
using Iot.Device.Mcp9808;

namespace PiChassis.Hardware.Temperature;

/// <summary>
/// A Microchip MCP9808 (0x18-0x1F, 0.0625 °C). Opening writes CONFIG (wake) and checks the
/// manufacturer and device ids. The probe owns the <see cref="I2cDevice"/> it is given.
/// </summary>
public sealed class Mcp9808Probe(I2cDevice device)
    : BindingTemperatureProbe<Mcp9808>(device, "MCP9808", FirstAddress, LastAddress, d => new Mcp9808(d))
{
    public const int FirstAddress = 0x18;
    public const int LastAddress = 0x1F;
    public const double ResolutionC = 0.0625;

    protected override UnitsNet.Temperature Read(Mcp9808 chip) => chip.Temperature;
}
