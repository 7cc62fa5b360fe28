using System.Device.I2c;
using Iot.Device.Mcp9808;

namespace PiChassis.Hardware.Temperature;

/// <summary>
/// A Microchip MCP9808 (0x18-0x1F, 0.0625 °C) read through the Iot.Device.Bindings driver.
/// The probe owns the <see cref="I2cDevice"/> it is given: the binding disposes it with the
/// probe, and the probe disposes it itself when construction fails.
/// </summary>
public sealed class Mcp9808Probe : ITemperatureProbe
{
    public const int FirstAddress = 0x18;
    public const int LastAddress = 0x1F;
    public const double ResolutionC = 0.0625;

    private readonly Mcp9808 _chip;
    private readonly string _name;
    private bool _disposed;

    /// <exception cref="ArgumentOutOfRangeException">The device's address is not an MCP9808 address.</exception>
    /// <exception cref="HardwareException">No chip answered, or it is not an MCP9808.</exception>
    public Mcp9808Probe(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var address = device.ConnectionSettings.DeviceAddress;
        _name = $"MCP9808 at 0x{address:X2} on I2C bus {device.ConnectionSettings.BusId}";
        if (address is < FirstAddress or > LastAddress)
        {
            device.Dispose();
            throw new ArgumentOutOfRangeException(
                nameof(device), $"0x{address:X2} is not an MCP9808 address (0x18-0x1F).");
        }

        try
        {
            // Writes CONFIG (wake) and checks the manufacturer and device ids.
            _chip = new Mcp9808(device);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException || ex.GetType() == typeof(Exception))
        {
            // The binding reports a wrong id as a bare Exception.
            device.Dispose();
            throw new HardwareException($"{_name}: not found or not an MCP9808 ({ex.Message})", ex);
        }
    }

    /// <exception cref="HardwareException">The chip did not answer or has no conversion.</exception>
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
        catch (ArgumentException ex)
        {
            // The binding turns an all-ones ambient register (no conversion yet, bus stuck high)
            // into NaN, which UnitsNet refuses.
            throw new HardwareException($"{_name}: ambient register read 0xFFFF", ex);
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
