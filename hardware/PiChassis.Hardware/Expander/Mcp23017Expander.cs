using System.Device.I2c;

namespace PiChassis.Hardware.Expander;

/// <summary>
/// An MCP23017 used for slot relays and LEDs, driven at the register level so that opening it
/// never disturbs an output: the chip sits on the chassis rail and keeps its outputs across a
/// controller restart, unlike the stock binding whose constructor rewrites IODIR, GPIO and IPOL.
/// Pins 0–7 are GPA0–GPA7, pins 8–15 GPB0–GPB7. Thread-safe: relays and LEDs on one chip may be
/// set from different threads, and the latch is updated read-modify-write from a cache.
/// </summary>
/// <remarks>
/// The caller owns the <see cref="I2cDevice"/> and disposes it after the expander's last use.
/// Only single-byte writes and A/B pair reads are used, so the driver works whatever IOCON.SEQOP
/// holds; IOCON itself is never written.
/// </remarks>
public sealed class Mcp23017Expander
{
    public const int PinCount = 16;

    private readonly I2cDevice _device;
    private readonly Lock _gate = new();
    private ushort _iodir;
    private ushort _olat;

    private Mcp23017Expander(I2cDevice device, ushort iodir, ushort olat, ushort gpio)
    {
        _device = device;
        _iodir = iodir;
        _olat = olat;
        OutputsFound = (ushort)~iodir;
        LatchFound = olat;
        LevelsFound = gpio;
    }

    /// <summary>Pins that were already outputs when the chip was opened (bit n = pin n).</summary>
    public ushort OutputsFound { get; }

    /// <summary>The output latch (OLATB:OLATA) as found when the chip was opened.</summary>
    public ushort LatchFound { get; }

    /// <summary>The pin levels (GPIOB:GPIOA) as found when the chip was opened.</summary>
    public ushort LevelsFound { get; }

    /// <summary>Reads the chip's direction, latch and pin levels; writes nothing.</summary>
    /// <exception cref="HardwareException">The chip did not answer, or it is in IOCON.BANK = 1 mode.</exception>
    public static Mcp23017Expander Open(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        try
        {
            if (IsInBank1Mode(device))
            {
                throw new HardwareException(
                    $"MCP23017 at 0x{device.ConnectionSettings.DeviceAddress:X2} is in IOCON.BANK=1 mode; " +
                    "this driver uses the power-on register map and will not rewrite IOCON.");
            }

            return new Mcp23017Expander(
                device,
                ReadPair(device, Mcp23017Register.IodirA),
                ReadPair(device, Mcp23017Register.OlatA),
                ReadPair(device, Mcp23017Register.GpioA));
        }
        catch (IOException ex)
        {
            throw Fault(device, "read", ex);
        }
    }

    /// <summary>True when the pin is configured as an output (found so or configured here).</summary>
    public bool IsOutput(int pin)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            return (_iodir & bit) == 0;
        }
    }

    /// <summary>The pin's latched output level, as read at open and written since.</summary>
    public bool OutputLevel(int pin)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            return (_olat & bit) != 0;
        }
    }

    /// <summary>
    /// Makes the pin an output. A pin that already is one keeps its level and nothing is written;
    /// otherwise the latch is set to <paramref name="levelIfNotAlreadyOutput"/> before the
    /// direction changes, so the pin is never driven at any other level.
    /// </summary>
    /// <returns>The pin's output level after configuration.</returns>
    /// <exception cref="HardwareException">The chip did not acknowledge a write.</exception>
    public bool ConfigureOutput(int pin, bool levelIfNotAlreadyOutput)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            if ((_iodir & bit) == 0)
            {
                return (_olat & bit) != 0;
            }

            WriteLatch(pin, levelIfNotAlreadyOutput);
            ushort iodir = (ushort)(_iodir & ~bit);
            WritePortByte(Mcp23017Register.IodirA, pin, iodir);
            _iodir = iodir;
            return levelIfNotAlreadyOutput;
        }
    }

    /// <summary>Sets an output pin's level; writes the port's latch only when the level changes.</summary>
    /// <exception cref="InvalidOperationException">The pin is not an output.</exception>
    /// <exception cref="HardwareException">The chip did not acknowledge the write.</exception>
    public void SetOutput(int pin, bool level)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            // The chip would latch the level silently on an input pin; say so instead.
            if ((_iodir & bit) != 0)
            {
                throw new InvalidOperationException($"MCP23017 pin {pin} is not configured as an output.");
            }

            WriteLatch(pin, level);
        }
    }

    private void WriteLatch(int pin, bool level)
    {
        ushort bit = Bit(pin);
        ushort olat = level ? (ushort)(_olat | bit) : (ushort)(_olat & ~bit);
        if (olat == _olat)
        {
            return;
        }

        WritePortByte(Mcp23017Register.OlatA, pin, olat);
        _olat = olat;
    }

    private void WritePortByte(Mcp23017Register portARegister, int pin, ushort value)
    {
        int port = pin >> 3;
        ReadOnlySpan<byte> frame = [(byte)((int)portARegister + port), (byte)(value >> (8 * port))];
        try
        {
            _device.Write(frame);
        }
        catch (IOException ex)
        {
            throw Fault(_device, "write", ex);
        }
    }

    // In BANK=1 both 0x05 and 0x15 are IOCON with bit 7 set; in BANK=0 they are GPINTENB and
    // OLATB, which match with bit 7 set only if interrupts were enabled, and this driver enables none.
    private static bool IsInBank1Mode(I2cDevice device)
    {
        byte at05 = ReadByte(device, 0x05);
        byte at15 = ReadByte(device, 0x15);
        return (at05 & 0x80) != 0 && at05 == at15;
    }

    private static ushort ReadPair(I2cDevice device, Mcp23017Register portARegister)
    {
        Span<byte> pair = stackalloc byte[2];
        device.WriteRead([(byte)portARegister], pair);
        return (ushort)(pair[0] | (pair[1] << 8));
    }

    private static byte ReadByte(I2cDevice device, byte register)
    {
        Span<byte> value = stackalloc byte[1];
        device.WriteRead([register], value);
        return value[0];
    }

    private static ushort Bit(int pin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pin, PinCount);
        return (ushort)(1 << pin);
    }

    private static HardwareException Fault(I2cDevice device, string operation, IOException inner) =>
        new($"MCP23017 at 0x{device.ConnectionSettings.DeviceAddress:X2}: I2C {operation} failed.", inner);
}
