using System.Buffers.Binary;
using System.Device.I2c;

namespace PiChassis.Hardware.Simulation.Chips;

/// <summary>
/// An I2C chip emulated at the register level, so the real drivers and bindings run unchanged
/// against it. The first byte of a write sets the register pointer; the rest is register data.
/// Counts the traffic a real bus would carry, for the I2C traffic benchmark.
/// </summary>
/// <remarks>Not thread-safe, like a real <see cref="I2cDevice"/>: one owner (the sampler) talks to it.</remarks>
public abstract class EmulatedI2cChip : I2cDevice
{
    protected EmulatedI2cChip(int address, int busId = 1)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Transfers started: one per Read, Write or WriteRead (a repeated start stays one transaction).</summary>
    public long Transactions { get; private set; }

    /// <summary>
    /// Bytes on the wire: one address byte per start or repeated start plus every data byte
    /// (ACK bits and start/stop conditions not counted). A register read as write-pointer-then-read
    /// costs 2 + 3 = 5 bytes, as one WriteRead 1 + 1 + 1 + 2 = 5 bytes.
    /// </summary>
    public long BytesTransferred { get; private set; }

    /// <summary>
    /// When true the chip no longer acknowledges its address (unplugged, dead, bus stuck): every
    /// transfer throws <see cref="IOException"/>, as the Linux I2C driver does on a NACK.
    /// </summary>
    public bool IsDisconnected { get; set; }

    /// <summary>True once the device handle was disposed; further transfers throw.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>The register pointer, as last written (the first byte of a write).</summary>
    protected byte SelectedRegister { get; private set; }

    public override void Read(Span<byte> buffer) => Transfer(ReadOnlySpan<byte>.Empty, buffer);

    public override void Write(ReadOnlySpan<byte> buffer) => Transfer(buffer, Span<byte>.Empty);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        Transfer(writeBuffer, readBuffer);

    /// <summary>Stores data written after the pointer byte into the register at <paramref name="register"/>.</summary>
    protected abstract void WriteRegister(byte register, ReadOnlySpan<byte> data);

    /// <summary>Fills <paramref name="destination"/> from the register at <paramref name="register"/>.</summary>
    protected abstract void ReadRegister(byte register, Span<byte> destination);

    /// <summary>
    /// Serves a register MSB first; reading past its width repeats it, as these chips do
    /// while the pointer does not auto-increment.
    /// </summary>
    protected static void FillFromRegister(Span<byte> destination, ushort value, int widthBytes)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        var register = widthBytes == 1 ? bytes[1..] : bytes;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = register[i % register.Length];
        }
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    private void Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Transactions++;
        BytesTransferred++; // the address byte goes out even when nobody acknowledges it
        if (IsDisconnected)
        {
            throw new IOException(
                $"No acknowledge from I2C address 0x{ConnectionSettings.DeviceAddress:X2} on bus {ConnectionSettings.BusId}.");
        }

        if (!write.IsEmpty)
        {
            BytesTransferred += write.Length;
            SelectedRegister = write[0];
            if (write.Length > 1)
            {
                WriteRegister(SelectedRegister, write[1..]);
            }
        }

        if (!read.IsEmpty)
        {
            BytesTransferred += read.Length + (write.IsEmpty ? 0 : 1); // repeated start re-sends the address
            ReadRegister(SelectedRegister, read);
        }
    }
}
