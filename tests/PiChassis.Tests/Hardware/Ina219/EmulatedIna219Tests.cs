using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Ina219;

/// <summary>The emulated chip's register behaviour, driven by raw I2C transactions as the datasheet describes them.</summary>
public sealed class EmulatedIna219Tests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SettablePowerRail _rail = new(5.0, 1.2);
    private readonly EmulatedIna219 _chip;

    public EmulatedIna219Tests() => _chip = new EmulatedIna219(0x41, _rail, 0.01, _time);

    public void Dispose() => _chip.Dispose();

    [Fact]
    public void PowerOn_Registers_HoldTheDatasheetDefaults()
    {
        Assert.Equal(0x399F, ReadRegister(0x00));
        Assert.Equal(0, ReadRegister(0x05));
        Assert.Equal(0, ReadRegister(0x02));
    }

    [Fact]
    public void Write_ResetBit_RestoresEveryRegister()
    {
        WriteRegister(0x00, 0x019F);
        WriteRegister(0x05, 0xA000);

        WriteRegister(0x00, 0x8000);

        Assert.Equal(0x399F, ReadRegister(0x00));
        Assert.Equal(0, ReadRegister(0x05));
    }

    [Fact]
    public void Write_OddCalibration_ReadsBackWithBitZeroClear()
    {
        WriteRegister(0x05, 0x7FFF);

        Assert.Equal(0x7FFE, ReadRegister(0x05));
    }

    [Fact]
    public void Read_AfterOneBytePointerWrite_ReadsThePointedRegister()
    {
        _chip.Write([0x00]);
        Span<byte> value = stackalloc byte[2];

        _chip.Read(value);

        Assert.Equal(0x399F, BinaryPrimitives.ReadUInt16BigEndian(value));
    }

    [Fact]
    public void UnknownAndReadOnlyRegisters_WritesIgnored_UnknownReadsZero()
    {
        WriteRegister(0x04, 0x1234);
        WriteRegister(0x07, 0x1234);

        Assert.Equal(0, ReadRegister(0x04));
        Assert.Equal(0, ReadRegister(0x07));
    }

    [Fact]
    public void Conversion_DefaultMode_CompletesAfterShuntPlusBusTime()
    {
        _time.Advance(TimeSpan.FromMicroseconds(1000));
        Assert.Equal(0, ReadRegister(0x02)); // 2 × 532 µs not yet elapsed

        _time.Advance(TimeSpan.FromMicroseconds(100));

        ushort bus = ReadRegister(0x02);
        Assert.Equal(1250, bus >> 3); // 5 V in 4 mV counts
        Assert.Equal(0b10, bus & 0b11); // CNVR set, no overflow
        Assert.Equal(1200, (short)ReadRegister(0x01)); // 12 mV in 10 µV counts, PGA ±320 mV
    }

    [Fact]
    public void Conversion_PowerRead_ClearsConversionReady()
    {
        _time.Advance(TimeSpan.FromMilliseconds(2));

        ReadRegister(0x03);

        Assert.Equal(0, ReadRegister(0x02) & 0b10);
    }

    [Fact]
    public void Conversion_ZeroCalibration_CurrentAndPowerReadZero()
    {
        _time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.Equal(0, ReadRegister(0x04));
        Assert.Equal(0, ReadRegister(0x03));
    }

    [Fact]
    public void Conversion_TriggeredMode_ConvertsOncePerConfigurationWrite()
    {
        WriteRegister(0x00, 0x399B); // shunt and bus, triggered
        _time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(1200, (short)ReadRegister(0x01));

        _rail.CurrentA = 0.5;
        _time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.Equal(1200, (short)ReadRegister(0x01));
    }

    [Fact]
    public void Conversion_128SampleAveraging_TakesTheDatasheetTime()
    {
        WriteRegister(0x00, 0x3FFF); // bus and shunt ADC: 128 samples, 68.1 ms each

        _time.Advance(TimeSpan.FromMilliseconds(136));
        Assert.Equal(0, ReadRegister(0x02) & 0b10);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0b10, ReadRegister(0x02) & 0b10);
    }

    [Fact]
    public void Transactions_RegisterReadWithRepeatedStart_CountsOneTransactionOfFiveBytes()
    {
        ReadRegister(0x04);

        Assert.Equal(1, _chip.Transactions);
        Assert.Equal(5, _chip.BytesTransferred);
    }

    [Fact]
    public void Transfer_NotResponding_ThrowsIOException()
    {
        _chip.Responding = false;

        Assert.Throws<IOException>(() => ReadRegister(0x00));
    }

    private ushort ReadRegister(byte pointer)
    {
        Span<byte> value = stackalloc byte[2];
        _chip.WriteRead([pointer], value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void WriteRegister(byte pointer, ushort value) =>
        _chip.Write([pointer, (byte)(value >> 8), (byte)value]);
}
