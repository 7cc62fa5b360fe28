using System.Device.Gpio;
using System.Device.I2c;

namespace PiChassis.Hardware.Buses;

/// <summary>The controller Pi's own I2C bus (/dev/i2c-N) and GPIO header.</summary>
public sealed class RaspberryPiBuses : IDeviceBuses
{
    private readonly int _i2cBus;
    private readonly Lazy<GpioController> _gpio = new(() => new GpioController());

    public RaspberryPiBuses(int i2cBus) => _i2cBus = i2cBus;

    public GpioController Gpio => _gpio.Value;

    public I2cDevice OpenI2c(int address)
    {
        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(_i2cBus, address));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            throw new HardwareException($"Cannot open I2C bus {_i2cBus} at 0x{address:X2}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (_gpio.IsValueCreated)
        {
            _gpio.Value.Dispose();
        }
    }
}
