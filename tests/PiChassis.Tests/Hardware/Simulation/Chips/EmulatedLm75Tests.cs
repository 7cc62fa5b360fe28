using System.Buffers.Binary;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Simulation.Chips;

public sealed class EmulatedLm75Tests : IDisposable
{
    private readonly SettableTemperatureSource _source = new(25.0);
    private readonly EmulatedLm75 _chip;

    public EmulatedLm75Tests() => _chip = new EmulatedLm75(0x48, _source);

    public void Dispose() => _chip.Dispose();

    [Theory]
    [InlineData(-25.5, 0xE680)]
    [InlineData(-0.5, 0xFF80)]
    [InlineData(0.0, 0x0000)]
    [InlineData(25.0, 0x1900)]
    [InlineData(125.0, 0x7D00)]
    public void Temperature_NineBit_IsLeftAlignedTwosComplement(double celsius, int expected)
    {
        _source.TemperatureC = celsius;

        Assert.Equal(expected, Read16(EmulatedLm75.TemperatureRegister));
    }

    [Fact]
    public void Temperature_NineBitDefault_QuantisesToHalfDegree()
    {
        _source.TemperatureC = 21.3;

        Assert.Equal(0.5, _chip.ResolutionC);
        Assert.Equal(0x1580, Read16(EmulatedLm75.TemperatureRegister)); // 21.5
    }

    [Fact]
    public void Temperature_TwelveBitResolution_QuantisesToSixteenths()
    {
        _chip.Write([EmulatedLm75.ConfigRegister, 0x60]);
        _source.TemperatureC = -21.3;

        Assert.Equal(12, _chip.ResolutionBits);
        Assert.Equal(0xEAB0, Read16(EmulatedLm75.TemperatureRegister)); // -341/16 = -21.3125
    }

    [Fact]
    public void Temperature_BeyondRange_Clamps()
    {
        _source.TemperatureC = 200.0;

        Assert.Equal(0x7F80, Read16(EmulatedLm75.TemperatureRegister)); // 127.5
    }

    [Fact]
    public void Temperature_Shutdown_HoldsLastConversion()
    {
        _source.TemperatureC = 20.0;
        Read16(EmulatedLm75.TemperatureRegister);
        _chip.Write([EmulatedLm75.ConfigRegister, 0x01]);
        _source.TemperatureC = 30.0;

        Assert.True(_chip.IsShutdown);
        Assert.Equal(0x1400, Read16(EmulatedLm75.TemperatureRegister));
    }

    [Fact]
    public void Limits_PowerOn_AreSeventyFiveAndEightyDegrees()
    {
        Assert.Equal(0x4B00, Read16(EmulatedLm75.HysteresisRegister));
        Assert.Equal(0x5000, Read16(EmulatedLm75.OverTemperatureRegister));
    }

    [Fact]
    public void Limits_Write_KeepsNineBits()
    {
        _chip.Write([EmulatedLm75.HysteresisRegister, 0x4B, 0xFF]);

        Assert.Equal(0x4B80, Read16(EmulatedLm75.HysteresisRegister));
    }

    [Fact]
    public void Temperature_Write_IsIgnored()
    {
        _chip.Write([EmulatedLm75.TemperatureRegister, 0x12, 0x34]);

        Assert.Equal(0x1900, Read16(EmulatedLm75.TemperatureRegister));
    }

    private int Read16(byte register)
    {
        Span<byte> buffer = stackalloc byte[2];
        _chip.WriteRead([register], buffer);
        return BinaryPrimitives.ReadUInt16BigEndian(buffer);
    }
}
