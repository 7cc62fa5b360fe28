using System.Device.I2c;
using PiChassis.Hardware.Expander;

namespace PiChassis.Hardware.Simulation.Chips;

/// <summary>
/// An MCP23017 emulated at the register level behind the <see cref="I2cDevice"/> API: the first
/// byte of a write sets the address pointer, further bytes are written from there on, and reads
/// continue from the pointer. The pointer advances as IOCON.SEQOP and IOCON.BANK say (BANK=0:
/// through 0x00–0x15 and round again, or toggling within an A/B pair in byte mode).
/// Pins 0–7 are GPA0–GPA7, pins 8–15 GPB0–GPB7. Thread-safe.
/// </summary>
public sealed partial class EmulatedMcp23017 : I2cDevice
{
    private const int RegisterCount = 0x16;
    private const byte IoconBank = 0x80;
    private const byte IoconSeqop = 0x20;

    private readonly Lock _gate = new();
    private readonly byte[] _registers = new byte[RegisterCount];
    private byte _pointer;
    private long _transactions;
    private long _bytesTransferred;

    /// <param name="address">The chip's 7-bit address, 0x20–0x27.</param>
    /// <param name="timeProvider">Clock for the output journal's timestamps.</param>
    public EmulatedMcp23017(int address, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 0x20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0x27);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ConnectionSettings = new I2cConnectionSettings(1, address);
        _journal = new PinJournal(timeProvider);
        _registers[(int)Mcp23017Register.IodirA] = 0xFF;
        _registers[(int)Mcp23017Register.IodirB] = 0xFF;
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>I2C transactions so far (a write-then-read with repeated start counts once).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Bytes on the wire so far, address bytes included (start, stop and ACK bits not).</summary>
    public long BytesTransferred => Interlocked.Read(ref _bytesTransferred);

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            Count(1 + buffer.Length);
            ReadFromPointer(buffer);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        bool outputsChanged;
        lock (_gate)
        {
            Count(1 + buffer.Length);
            outputsChanged = WriteFromPointer(buffer);
        }

        RaiseIf(outputsChanged);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        bool outputsChanged;
        lock (_gate)
        {
            Count(2 + writeBuffer.Length + readBuffer.Length);
            outputsChanged = WriteFromPointer(writeBuffer);
            ReadFromPointer(readBuffer);
        }

        RaiseIf(outputsChanged);
    }

    private void Count(int bytes)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _bytesTransferred, bytes);
    }

    private bool WriteFromPointer(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return false;
        }

        _pointer = buffer[0];
        (ushort Mask, ushort Levels) drivenBefore = Driven();
        foreach (byte value in buffer[1..])
        {
            if (IndexOf(_pointer) is int index)
            {
                WriteRegister(index, value);
            }

            _pointer = NextAddress(_pointer);
        }

        return JournalDriveChanges(drivenBefore);
    }

    private void ReadFromPointer(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = IndexOf(_pointer) is int index ? ReadRegister(index) : (byte)0;
            _pointer = NextAddress(_pointer);
        }
    }

    private void WriteRegister(int index, byte value)
    {
        switch ((Mcp23017Register)index)
        {
            case Mcp23017Register.Iocon or Mcp23017Register.IoconMirror:
                // One register at both addresses; bit 0 is unimplemented.
                _registers[(int)Mcp23017Register.Iocon] = (byte)(value & 0xFE);
                _registers[(int)Mcp23017Register.IoconMirror] = (byte)(value & 0xFE);
                break;
            case Mcp23017Register.IntfA or Mcp23017Register.IntfB or Mcp23017Register.IntcapA or Mcp23017Register.IntcapB:
                break;
            case Mcp23017Register.GpioA or Mcp23017Register.GpioB:
                _registers[index + 2] = value; // a GPIO write lands in OLAT
                break;
            default:
                _registers[index] = value;
                break;
        }
    }

    private byte ReadRegister(int index)
    {
        switch ((Mcp23017Register)index)
        {
            case Mcp23017Register.GpioA or Mcp23017Register.GpioB:
                _registers[index - 4] = 0; // reading GPIO clears INTF
                return PortValue(index & 1);
            case Mcp23017Register.IntcapA or Mcp23017Register.IntcapB:
                _registers[index - 2] = 0; // so does reading INTCAP
                return _registers[index];
            default:
                return _registers[index];
        }
    }

    // Maps a bus address to the register's index in the BANK=0 map, or null if unimplemented.
    private int? IndexOf(byte address)
    {
        if ((_registers[(int)Mcp23017Register.Iocon] & IoconBank) == 0)
        {
            return address < RegisterCount ? address : null;
        }

        int register = address & 0x0F;
        int port = address >> 4;
        return register <= 0x0A && port <= 1 ? (register * 2) + port : null;
    }

    private byte NextAddress(byte address)
    {
        byte iocon = _registers[(int)Mcp23017Register.Iocon];
        bool bank1 = (iocon & IoconBank) != 0;
        if ((iocon & IoconSeqop) != 0)
        {
            return bank1 ? address : (byte)(address ^ 1);
        }

        if (!bank1)
        {
            return address >= RegisterCount - 1 ? (byte)0 : (byte)(address + 1);
        }

        // BANK=1 runs through port A's block (0x00–0x0A), then port B's (0x10–0x1A).
        return (address & 0x0F) >= 0x0A ? (byte)((address & 0x10) ^ 0x10) : (byte)(address + 1);
    }
}
