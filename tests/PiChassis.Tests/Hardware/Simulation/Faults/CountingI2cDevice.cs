using System.Device.I2c;

namespace PiChassis.Tests.Hardware.Simulation.Faults;

/// <summary>A chip whose every read answers [register pointer, read count], so repeated values stand out.</summary>
internal sealed class CountingI2cDevice : I2cDevice
{
    private byte _pointer;

    public int Transactions { get; private set; }

    public List<byte[]> Writes { get; } = [];

    public bool Disposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x40);

    public override byte ReadByte()
    {
        Span<byte> buffer = stackalloc byte[1];
        Read(buffer);
        return buffer[0];
    }

    public override void Read(Span<byte> buffer)
    {
        Transactions++;
        buffer.Fill((byte)Transactions);
        buffer[0] = _pointer;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transactions++;
        Writes.Add(buffer.ToArray());
        _pointer = buffer[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        _pointer = writeBuffer[0];
        Read(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
