using System.Device.I2c;
using Iot.Device.Lm75;

namespace PiChassis.Hardware.Temperature;

/// <summary>
/// An LM75 (0x48-0x4F, 0.5 °C at the standard 9 bits) read through the Iot.Device.Bindings driver.
/// These addresses are the upper half of the INA219 range, so an LM75 only fits a chassis with at
/// most 8 slots. The probe owns the <see cref="I2cDevice"/>: the binding disposes it with the
/// probe, and the probe disposes it itself when construction fails.
/// </summary>
public sealed class Lm75Probe : ITemperatureProbe
{
    public const int FirstAddress = 0x48;
    public const int LastAddress = 0x4F;
    public const double ResolutionC = 0.5;

    private readonly Lm75 _chip;
    private readonly string _name;
    private bool _disposed;

    /// <exception cref="ArgumentOutOfRangeException">The device's address is not an LM75 address.</exception>
    /// <exception cref="HardwareException">No chip answered.</exception>
    public Lm75Probe(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var address = device.ConnectionSettings.DeviceAddress;
        _name = $"LM75 at 0x{address:X2} on I2C bus {device.ConnectionSettings.BusId}";
        if (address is < FirstAddress or > LastAddress)
        {
            device.Dispose();
            throw new ArgumentOutOfRangeException(
                nameof(device), $"0x{address:X2} is not an LM75 address (0x48-0x4F).");
        }

        try
        {
            // Reads and rewrites the configuration register to leave shutdown; the LM75 has no id to check.
            _chip = new Lm75(device);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            device.Dispose();
            throw new HardwareException($"{_name}: not found ({ex.Message})", ex);
        }
    }

    /// <exception cref="HardwareException">The chip did not answer.</exception>
    public double ReadCelsius()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return _chip.Temperature.DegreesCelsius;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            throw new HardwareException($"{_name}: read failed ({ex.Message})", ex);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _chip.Dispose();
        }
    }
}
