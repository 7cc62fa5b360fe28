using System.Buffers.Binary;
using System.Device.I2c;
using UnitsNet;

namespace PiChassis.Hardware.Ina219;

/// <summary>
/// One slot's INA219, kept converting shunt and bus continuously so that every read returns the
/// latest result at once: no read ever waits for a conversion.
/// </summary>
/// <remarks>
/// Not thread-safe: one sampling loop owns the bus and its sensors. The caller keeps ownership of
/// the <see cref="I2cDevice"/> and disposes it, unless it passes <c>ownsDevice: true</c>.
/// </remarks>
public sealed class Ina219PowerSensor : IPowerSensor
{
    private const byte ConfigurationPointer = 0x00;
    private const byte ShuntVoltagePointer = 0x01;
    private const byte BusVoltagePointer = 0x02;
    private const byte PowerPointer = 0x03;
    private const byte CurrentPointer = 0x04;
    private const byte CalibrationPointer = 0x05;
    private const double ShuntLsbV = 10e-6;
    private const double BusLsbV = 0.004;

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private readonly string _name;
    private bool _disposed;

    /// <summary>Configures the chip for this shunt and range (configuration, then calibration register).</summary>
    /// <param name="device">The chip's I2C device (address 0x40-0x4F).</param>
    /// <param name="shunt">The shunt resistor, typically 0.01-0.02 Ω on a 5 V slot feed.</param>
    /// <param name="maxExpectedCurrent">The largest current to measure; sets the PGA and the current LSB.</param>
    /// <param name="ownsDevice">True: <see cref="Dispose"/> (or a failed construction) disposes <paramref name="device"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Shunt or current not positive, or beyond the ±320 mV shunt range.</exception>
    /// <exception cref="HardwareException">The chip did not accept the configuration.</exception>
    public Ina219PowerSensor(I2cDevice device, ElectricResistance shunt, ElectricCurrent maxExpectedCurrent, bool ownsDevice = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
        _name = $"INA219 at 0x{device.ConnectionSettings.DeviceAddress:X2} on I2C bus {device.ConnectionSettings.BusId}";
        try
        {
            Calibration = Ina219Calibration.For(shunt, maxExpectedCurrent);
            Initialise();
        }
        catch when (ownsDevice)
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>The register values written to the chip and the LSBs used to read it.</summary>
    public Ina219Calibration Calibration { get; }

    /// <inheritdoc />
    /// <remarks>
    /// One 2-byte register read. It cannot notice a chip that lost its calibration (it would read 0 A);
    /// <see cref="Read"/> does, so the sampler must call <see cref="Read"/> regularly too.
    /// </remarks>
    public double ReadCurrentA() => (short)ReadRegister(CurrentPointer) * Calibration.CurrentLsbA;

    /// <inheritdoc />
    /// <remarks>
    /// Five register reads: calibration (to notice a reset chip), bus, shunt, current, and power last,
    /// because reading power clears the chip's conversion-ready flag.
    /// </remarks>
    /// <exception cref="HardwareException">
    /// Also when the chip had lost its calibration (reset by a brown-out): it has been re-initialised,
    /// and the next read after one conversion time is valid again.
    /// </exception>
    public PowerReading Read()
    {
        ushort calibration = ReadRegister(CalibrationPointer);
        if (calibration != Calibration.CalibrationRegister)
        {
            Initialise();
            throw new HardwareException(
                $"{_name}: calibration register read 0x{calibration:X4} instead of 0x{Calibration.CalibrationRegister:X4} " +
                "(chip reset, e.g. by a brown-out); configuration and calibration re-written.");
        }

        ushort bus = ReadRegister(BusVoltagePointer);
        short shunt = (short)ReadRegister(ShuntVoltagePointer);
        short current = (short)ReadRegister(CurrentPointer);
        ushort power = ReadRegister(PowerPointer);
        return new PowerReading(
            BusVoltageV: (bus >> 3) * BusLsbV,
            ShuntVoltageV: shunt * ShuntLsbV,
            CurrentA: current * Calibration.CurrentLsbA,
            PowerW: power * Calibration.PowerLsbW,
            Overflow: (bus & 0b01) != 0,
            ConversionReady: (bus & 0b10) != 0);
    }

    /// <summary>Leaves the chip converting (a restarted controller finds it measuring); disposes an owned device.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    private void Initialise()
    {
        WriteRegister(ConfigurationPointer, Calibration.ConfigurationRegister);
        WriteRegister(CalibrationPointer, Calibration.CalibrationRegister);
    }

    private ushort ReadRegister(byte pointer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> write = stackalloc byte[1];
        Span<byte> read = stackalloc byte[2];
        write[0] = pointer;
        try
        {
            _device.WriteRead(write, read);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw new HardwareException($"{_name}: reading register 0x{pointer:X2} failed: {e.Message}", e);
        }

        return BinaryPrimitives.ReadUInt16BigEndian(read);
    }

    private void WriteRegister(byte pointer, ushort value)
    {
        Span<byte> write = stackalloc byte[3];
        write[0] = pointer;
        BinaryPrimitives.WriteUInt16BigEndian(write[1..], value);
        try
        {
            _device.Write(write);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw new HardwareException($"{_name}: writing 0x{value:X4} to register 0x{pointer:X2} failed: {e.Message}", e);
        }
    }
}
