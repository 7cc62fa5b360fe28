namespace PiChassis.Hardware.Simulation.Chips;

/// <summary>
/// An LM75 at the register level: temperature (9-bit, 0.5 °C, left-aligned two's complement in
/// 16 bits), configuration, T_HYST and T_OS. The temperature is a fresh conversion of
/// <see cref="ITemperatureSource.TemperatureC"/> on every read, held while shut down.
/// </summary>
/// <remarks>
/// Configuration bits 6..5 select 9 to 12 bits as on the TMP75/DS75 family; a plain LM75 keeps
/// them zero, so the default stays 9-bit.
/// </remarks>
public sealed class EmulatedLm75 : EmulatedI2cChip
{
    public const byte TemperatureRegister = 0x00;
    public const byte ConfigRegister = 0x01;
    public const byte HysteresisRegister = 0x02;
    public const byte OverTemperatureRegister = 0x03;

    private const byte ShutdownBit = 0x01;
    private const byte ConfigWritableMask = 0x7F;
    private const ushort LimitMask = 0xFF80; // limits are 9-bit, 0.5 °C

    private readonly ITemperatureSource _source;
    private byte _config;
    private ushort _hysteresis = 0x4B00; // 75 °C power-on default
    private ushort _overTemperature = 0x5000; // 80 °C power-on default
    private double _lastConversionC;

    public EmulatedLm75(int address, ITemperatureSource source)
        : base(address)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Bits in the temperature register: 9 (0.5 °C) unless the TMP75 resolution bits say more.</summary>
    public int ResolutionBits => 9 + ((_config >> 5) & 0x03);

    /// <summary>The conversion step: 0.5 °C at 9 bits down to 0.0625 °C at 12 bits.</summary>
    public double ResolutionC => 1.0 / (1 << (ResolutionBits - 8));

    public bool IsShutdown => (_config & ShutdownBit) != 0;

    protected override void WriteRegister(byte register, ReadOnlySpan<byte> data)
    {
        var value = data.Length >= 2 ? (ushort)(data[0] << 8 | data[1]) : (ushort)(data[0] << 8);
        switch (register & 0x03)
        {
            case ConfigRegister:
                _config = (byte)(data[0] & ConfigWritableMask);
                break;
            case HysteresisRegister:
                _hysteresis = (ushort)(value & LimitMask);
                break;
            case OverTemperatureRegister:
                _overTemperature = (ushort)(value & LimitMask);
                break;
            default:
                break; // the temperature register is read-only
        }
    }

    protected override void ReadRegister(byte register, Span<byte> destination)
    {
        var selected = register & 0x03;
        var value = selected switch
        {
            TemperatureRegister => ReadTemperature(),
            ConfigRegister => _config,
            HysteresisRegister => _hysteresis,
            _ => _overTemperature,
        };
        FillFromRegister(destination, value, selected == ConfigRegister ? 1 : 2);
    }

    private ushort ReadTemperature()
    {
        var step = ResolutionC;
        if (!IsShutdown)
        {
            var quantised = Math.Round(_source.TemperatureC / step) * step;
            _lastConversionC = Math.Clamp(quantised, -128.0, 128.0 - step);
        }

        // Left-aligned: the code's sign bit is bit 15, unused low bits read 0.
        var code = (int)Math.Round(_lastConversionC / step);
        return (ushort)(code << (16 - ResolutionBits));
    }
}
