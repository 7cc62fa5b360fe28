using System.Device.Gpio;
using System.Device.I2c;

namespace PiChassis.Hardware.Buses;

/// <summary>
/// Where drivers get their bus objects: the Pi's real I2C and GPIO, or the simulator's emulated
/// chips. The same drivers run on both.
/// </summary>
public interface IDeviceBuses : IDisposable
{
    /// <summary>Opens the device at this 7-bit address. The caller owns (disposes) the result.</summary>
    /// <exception cref="HardwareException">No bus, or nothing can be opened at that address.</exception>
    I2cDevice OpenI2c(int address);

    /// <summary>The GPIO controller shared by every pin driver; owned by the buses.</summary>
    GpioController Gpio { get; }
}
