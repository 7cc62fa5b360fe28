using System.Device.I2c;

namespace PiChassis.Hardware.Simulation.Chips;

/// <summary>
/// An INA219 at the register level (TI SBOS448G) measuring an <see cref="IPowerRail"/>: pointer
/// register, six big-endian 16-bit registers, conversions timed by the ADC settings, and the chip's
/// integer current and power arithmetic. A driver cannot tell it from the chip, its bugs included.
/// </summary>
/// <remarks>
/// This file is the bus side (transactions, pointer, register writes); the conversions are in
/// EmulatedIna219.Conversion.cs. Its constants are its own, not the driver's, so that a wrong driver
/// constant shows up in tests. Thread-safe: each transaction is atomic, as on a real bus.
/// </remarks>
public sealed partial class EmulatedIna219 : I2cDevice
{
    private const byte ConfigurationPointer = 0x00;
    private const byte ShuntVoltagePointer = 0x01;
    private const byte BusVoltagePointer = 0x02;
    private const byte PowerPointer = 0x03;
    private const byte CurrentPointer = 0x04;
    private const byte CalibrationPointer = 0x05;
    private const ushort PowerOnConfiguration = 0x399F;

    private readonly IPowerRail _rail;
    private readonly double _shuntOhms;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private byte _pointer;
    private ushort _configuration;
    private ushort _calibration;
    private long _transactions;
    private long _bytesTransferred;

    public EmulatedIna219(int address, IPowerRail rail, double shuntOhms, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rail);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shuntOhms);
        ConnectionSettings = new I2cConnectionSettings(1, address);
        _rail = rail;
        _shuntOhms = shuntOhms;
        _time = time;
        PowerOnReset();
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>False: the chip does not acknowledge its address (unplugged, dead); every transaction throws <see cref="IOException"/>.</summary>
    public bool Responding { get; set; } = true;

    /// <summary>I2C transactions addressed to this chip (a write-then-read with repeated start counts once).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Bytes on the wire, address bytes included: a 2-byte register read is 5 bytes.</summary>
    public long BytesTransferred => Interlocked.Read(ref _bytesTransferred);

    /// <summary>The configuration register as the chip holds it (no bus traffic).</summary>
    public ushort Configuration
    {
        get { lock (_gate) { return _configuration; } }
    }

    /// <summary>The calibration register as the chip holds it (no bus traffic).</summary>
    public ushort Calibration
    {
        get { lock (_gate) { return _calibration; } }
    }

    /// <summary>A power glitch (brown-out): every register back to its power-on value, calibration lost.</summary>
    public void PowerOnReset()
    {
        lock (_gate)
        {
            _pointer = ConfigurationPointer;
            ResetRegisters();
        }
    }

    public override void Read(Span<byte> buffer) => Transfer([], buffer, addressBytes: 1);

    public override void Write(ReadOnlySpan<byte> buffer) => Transfer(buffer, [], addressBytes: 1);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        Transfer(writeBuffer, readBuffer, addressBytes: 2);

    private void ResetRegisters()
    {
        _calibration = 0;
        ClearMeasurements();
        StartMode(PowerOnConfiguration);
    }

    private void Transfer(ReadOnlySpan<byte> write, Span<byte> read, int addressBytes)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _transactions);
            if (!Responding)
            {
                Interlocked.Increment(ref _bytesTransferred); // The unanswered address byte.
                throw new IOException($"No acknowledge from I2C address 0x{ConnectionSettings.DeviceAddress:X2}.");
            }

            Interlocked.Add(ref _bytesTransferred, addressBytes + write.Length + read.Length);
            LatchCompletedConversions();
            if (write.Length > 0)
            {
                _pointer = write[0];
            }

            if (write.Length >= 3)
            {
                WriteRegister((ushort)((write[1] << 8) | write[2]));
            }

            if (read.Length > 0)
            {
                // No auto-increment: a longer read repeats the register (the datasheet is silent on it).
                ushort value = ReadRegister();
                for (int i = 0; i < read.Length; i++)
                {
                    read[i] = (byte)(i % 2 == 0 ? value >> 8 : value);
                }
            }
        }
    }

    private ushort ReadRegister()
    {
        switch (_pointer)
        {
            case ConfigurationPointer: return _configuration;
            case ShuntVoltagePointer: return (ushort)_shuntVoltage;
            case BusVoltagePointer: return BusVoltageRegister;
            case PowerPointer:
                _conversionReady = false; // Reading power acknowledges the conversion.
                return _power;
            case CurrentPointer: return (ushort)_current;
            case CalibrationPointer: return _calibration;
            default: return 0; // Unknown pointer: nothing drives the data, read as 0.
        }
    }

    private void WriteRegister(ushort value)
    {
        if (_pointer == ConfigurationPointer)
        {
            if ((value & 0x8000) != 0)
            {
                ResetRegisters(); // RST: the same as a power-on reset; the bit self-clears.
            }
            else
            {
                StartMode((ushort)(value & 0x3FFF)); // Bit 14 is unused.
            }
        }
        else if (_pointer == CalibrationPointer)
        {
            _calibration = (ushort)(value & 0xFFFE); // FS0 is void: it always reads 0.
        }

        // The measurement registers are read-only and unknown pointers take no data: writes are ignored.
    }
}
