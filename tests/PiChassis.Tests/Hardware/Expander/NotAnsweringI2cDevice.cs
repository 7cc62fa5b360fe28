using System.Device.I2c;

namespace PiChassis.Tests.Hardware.Expander;

/// <summary>An I2C device that NACKs every transfer, as the Linux driver reports it.</summary>
internal sealed class NotAnsweringI2cDevice(int address) : I2cDevice
{
    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    public override void Read(Span<byte> buffer) => throw Nack();

    public override void Write(ReadOnlySpan<byte> buffer) => throw Nack();

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw Nack();

    private static IOException Nack() => new("Error 121 performing I2C data transfer.");
}
