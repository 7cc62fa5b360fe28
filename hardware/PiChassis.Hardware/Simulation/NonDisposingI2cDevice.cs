using System.Device.I2c;

namespace PiChassis.Hardware.Simulation;

/// <summary>
/// A driver's handle on an emulated chip. Drivers dispose the devices they own; the chip itself
/// lives on with the simulated chassis, as a real chip outlives the program that talked to it.
/// </summary>
internal sealed class NonDisposingI2cDevice(I2cDevice chip) : I2cDevice
{
    public override I2cConnectionSettings ConnectionSettings => chip.ConnectionSettings;

    public override byte ReadByte() => chip.ReadByte();

    public override void Read(Span<byte> buffer) => chip.Read(buffer);

    public override void WriteByte(byte value) => chip.WriteByte(value);

    public override void Write(ReadOnlySpan<byte> buffer) => chip.Write(buffer);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => chip.WriteRead(writeBuffer, readBuffer);

    protected override void Dispose(bool disposing)
    {
        // The chip stays: only this handle is closed.
        base.Dispose(disposing);
    }
}
