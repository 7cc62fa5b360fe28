using System.Device.I2c;

namespace PiChassis.Tests.Hardware.Ina219;

/// <summary>An I2C device that either fails every transaction with one exception or accepts it silently.</summary>
internal sealed class StubI2cDevice(Exception? failure) : I2cDevice
{
    public bool Disposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x45);

    public override void Read(Span<byte> buffer) => FailIfAsked();

    public override void Write(ReadOnlySpan<byte> buffer) => FailIfAsked();

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => FailIfAsked();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void FailIfAsked()
    {
        if (failure is not null)
        {
            throw failure;
        }
    }
}
