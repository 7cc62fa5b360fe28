using System.Device.I2c;
using Iot.Device.Lm75;

namespace PiChassis.Hardware.Temperature;

/// <summary>
/// An LM75 (0x48-0x4F, 0.5 °C at the standard 9 bits). These addresses are the upper half of the
/// INA219 range, so an LM75 only fits a chassis with at most 8 slots. Opening reads and rewrites
/// the configuration register to leave shutdown; the LM75 has no id to check. The probe owns the
/// <see cref="I2cDevice"/> it is given.
/// </summary>
public sealed class Lm75Probe(I2cDevice device)
    : BindingTemperatureProbe<Lm75>(device, "LM75", FirstAddress, LastAddress, d => new Lm75(d))
{
    public const int FirstAddress = 0x48;
    public const int LastAddress = 0x4F;
    public const double ResolutionC = 0.5;

    protected override UnitsNet.Temperature Read(Lm75 chip) => chip.Temperature;
}
