using System.Device.I2c;

namespace PiChassis.Hardware.Temperature;

/// <summary>
/// A temperature chip read through its Iot.Device.Bindings driver. The probe owns the
/// <see cref="I2cDevice"/> it is given: the binding disposes it with the probe, and the probe
/// disposes it itself when construction fails. Binding failures become <see cref="HardwareException"/>s
/// that name the chip, its address and bus.
/// </summary>
public abstract class BindingTemperatureProbe<TChip> : ITemperatureProbe
    where TChip : class, IDisposable
{
    private readonly TChip _chip;
    private readonly string _name;
    private bool _disposed;

    /// <exception cref="ArgumentOutOfRangeException">The device's address is not one of the chip's.</exception>
    /// <exception cref="HardwareException">No chip answered, or it is not the expected chip.</exception>
    protected BindingTemperatureProbe(I2cDevice device, string chip, int firstAddress, int lastAddress, Func<I2cDevice, TChip> open)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(open);
        var address = device.ConnectionSettings.DeviceAddress;
        _name = $"{chip} at 0x{address:X2} on I2C bus {device.ConnectionSettings.BusId}";
        if (address < firstAddress || address > lastAddress)
        {
            device.Dispose();
            throw new ArgumentOutOfRangeException(
                nameof(device), $"0x{address:X2} is not an {chip} address (0x{firstAddress:X2}-0x{lastAddress:X2}).");
        }

        try
        {
            _chip = open(device);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException || ex.GetType() == typeof(Exception))
        {
            // Bindings report a wrong chip id as a bare Exception.
            device.Dispose();
            throw new HardwareException($"{_name}: not found or not an {chip} ({ex.Message})", ex);
        }
    }

    /// <exception cref="HardwareException">The chip did not answer or has no conversion.</exception>
    public double ReadCelsius()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return Read(_chip).DegreesCelsius;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            throw new HardwareException($"{_name}: read failed ({ex.Message})", ex);
        }
        catch (ArgumentException ex)
        {
            // A binding turns an all-ones register (no conversion yet, bus stuck high) into NaN,
            // which UnitsNet refuses.
            throw new HardwareException($"{_name}: temperature register read all ones (0xFFFF)", ex);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _chip.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract UnitsNet.Temperature Read(TChip chip);
}
