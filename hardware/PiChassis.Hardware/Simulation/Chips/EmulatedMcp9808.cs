namespace PiChassis.Hardware.Simulation.Chips;

/// <summary>
/// A Microchip MCP9808 at the register level (datasheet DS25095, section 5). The ambient register
/// is a fresh conversion of <see cref="ITemperatureSource.TemperatureC"/> on every read, quantised to
/// the resolution register; in shutdown it holds the last conversion, as the chip does.
/// </summary>
public sealed class EmulatedMcp9808 : EmulatedI2cChip
{
    public const byte ConfigRegister = 0x01;
    public const byte UpperLimitRegister = 0x02;
    public const byte LowerLimitRegister = 0x03;
    public const byte CriticalLimitRegister = 0x04;
    public const byte AmbientRegister = 0x05;
    public const byte ManufacturerIdRegister = 0x06;
    public const byte DeviceIdRegister = 0x07;
    public const byte ResolutionRegister = 0x08;

    public const ushort ManufacturerId = 0x0054;
    public const ushort DeviceIdAndRevision = 0x0400;

    private const ushort ShutdownBit = 0x0100;
    private const ushort CriticalLockBit = 0x0080;
    private const ushort WindowLockBit = 0x0040;
    private const ushort ConfigWritableMask = 0x07CF; // bit 5 (interrupt clear) reads 0, bit 4 is status
    private const ushort LimitMask = 0x1FFC; // sign bit 12 and 0.25 °C steps

    private readonly ITemperatureSource _source;
    private ushort _config;
    private ushort _upper;
    private ushort _lower;
    private ushort _critical;
    private byte _resolution = 0x03;
    private double _lastConversionC;

    public EmulatedMcp9808(int address, ITemperatureSource source)
        : base(address)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>The conversion step selected by the resolution register: 0.5, 0.25, 0.125 or 0.0625 °C.</summary>
    public double ResolutionC => 0.5 / (1 << _resolution);

    public bool IsShutdown => (_config & ShutdownBit) != 0;

    protected override void WriteRegister(byte register, ReadOnlySpan<byte> data)
    {
        var value = data.Length >= 2 ? (ushort)(data[0] << 8 | data[1]) : (ushort)(data[0] << 8);
        switch (register & 0x0F)
        {
            case ConfigRegister:
                // The lock bits stick until power-on reset.
                _config = (ushort)((value & ConfigWritableMask) | (_config & (CriticalLockBit | WindowLockBit)));
                break;
            case UpperLimitRegister when (_config & WindowLockBit) == 0:
                _upper = (ushort)(value & LimitMask);
                break;
            case LowerLimitRegister when (_config & WindowLockBit) == 0:
                _lower = (ushort)(value & LimitMask);
                break;
            case CriticalLimitRegister when (_config & CriticalLockBit) == 0:
                _critical = (ushort)(value & LimitMask);
                break;
            case ResolutionRegister:
                _resolution = (byte)(data[0] & 0x03);
                break;
            default:
                break; // read-only or locked: the chip acknowledges and ignores the data
        }
    }

    protected override void ReadRegister(byte register, Span<byte> destination)
    {
        var selected = register & 0x0F;
        var value = selected switch
        {
            ConfigRegister => _config,
            UpperLimitRegister => _upper,
            LowerLimitRegister => _lower,
            CriticalLimitRegister => _critical,
            AmbientRegister => ReadAmbient(),
            ManufacturerIdRegister => ManufacturerId,
            DeviceIdRegister => DeviceIdAndRevision,
            ResolutionRegister => _resolution,
            _ => (ushort)0,
        };
        FillFromRegister(destination, value, selected == ResolutionRegister ? 1 : 2);
    }

    /// <summary>13-bit two's complement in 1/16 °C (sign in bit 12), alert flags in bits 15..13.</summary>
    private ushort ReadAmbient()
    {
        if (!IsShutdown)
        {
            var step = ResolutionC;
            var quantised = Math.Round(_source.TemperatureC / step) * step;
            _lastConversionC = Math.Clamp(quantised, -256.0, 256.0 - step);
        }

        var sixteenths = (int)(_lastConversionC * 16);
        var ambient = sixteenths & 0x1FFF;
        if (sixteenths >= Sixteenths(_critical))
        {
            ambient |= 0x8000;
        }

        if (sixteenths > Sixteenths(_upper))
        {
            ambient |= 0x4000;
        }

        if (sixteenths < Sixteenths(_lower))
        {
            ambient |= 0x2000;
        }

        return (ushort)ambient;
    }

    private static int Sixteenths(ushort limit)
    {
        var code = limit & 0x1FFF;
        return (code & 0x1000) != 0 ? code - 0x2000 : code;
    }
}
