using System.Buffers.Binary;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Simulation.Chips;

public sealed class EmulatedMcp9808Tests : IDisposable
{
    private readonly SettableTemperatureSource _source = new(25.0);
    private readonly EmulatedMcp9808 _chip;

    public EmulatedMcp9808Tests() => _chip = new EmulatedMcp9808(0x18, _source);

    public void Dispose() => _chip.Dispose();

    [Fact]
    public void ReadRegister_IdRegisters_ReturnManufacturerAndDevice()
    {
        Assert.Equal(0x0054, Read16(EmulatedMcp9808.ManufacturerIdRegister));
        Assert.Equal(0x0400, Read16(EmulatedMcp9808.DeviceIdRegister));
    }

    [Fact]
    public void Ambient_Negative_IsThirteenBitTwosComplementWithLowerFlag()
    {
        _source.TemperatureC = -12.5625;

        // -201/16 in 13 bits is 0x1F37; below the power-on T_LOWER of 0 °C sets bit 13.
        Assert.Equal(0x3F37, Read16(EmulatedMcp9808.AmbientRegister));
    }

    [Fact]
    public void Ambient_AboveDefaultLimits_SetsCriticalAndUpperFlags()
    {
        _source.TemperatureC = 25.0;

        Assert.Equal(0xC190, Read16(EmulatedMcp9808.AmbientRegister));
    }

    [Fact]
    public void Ambient_InsideWindow_HasNoFlags()
    {
        Write16(EmulatedMcp9808.UpperLimitRegister, 30 * 16);
        Write16(EmulatedMcp9808.LowerLimitRegister, 10 * 16);
        Write16(EmulatedMcp9808.CriticalLimitRegister, 40 * 16);
        _source.TemperatureC = 25.0;

        Assert.Equal(0x0190, Read16(EmulatedMcp9808.AmbientRegister));
    }

    [Fact]
    public void Ambient_DefaultResolution_QuantisesToSixteenths()
    {
        _source.TemperatureC = 21.30;

        Assert.Equal(0.0625, _chip.ResolutionC);
        Assert.Equal(0x0155, Read16(EmulatedMcp9808.AmbientRegister) & 0x1FFF); // 21.3125
    }

    [Fact]
    public void Ambient_HalfDegreeResolution_QuantisesToHalfDegree()
    {
        _chip.Write([EmulatedMcp9808.ResolutionRegister, 0x00]);
        _source.TemperatureC = 21.30;

        Assert.Equal(0.5, _chip.ResolutionC);
        Assert.Equal(0x0158, Read16(EmulatedMcp9808.AmbientRegister) & 0x1FFF); // 21.5
        _chip.WriteByte(EmulatedMcp9808.ResolutionRegister);
        Assert.Equal(0x00, _chip.ReadByte());
    }

    [Fact]
    public void Ambient_Shutdown_HoldsLastConversion()
    {
        _source.TemperatureC = 20.0;
        Read16(EmulatedMcp9808.AmbientRegister);
        Write16(EmulatedMcp9808.ConfigRegister, 0x0100);
        _source.TemperatureC = 30.0;

        Assert.True(_chip.IsShutdown);
        Assert.Equal(20 * 16, Read16(EmulatedMcp9808.AmbientRegister) & 0x1FFF);
    }

    [Fact]
    public void CriticalLimit_Locked_IgnoresWritesAndLockSticks()
    {
        Write16(EmulatedMcp9808.CriticalLimitRegister, 60 * 16);
        Write16(EmulatedMcp9808.ConfigRegister, 0x0080);
        Write16(EmulatedMcp9808.CriticalLimitRegister, 90 * 16);
        Write16(EmulatedMcp9808.ConfigRegister, 0x0000);

        Assert.Equal(60 * 16, Read16(EmulatedMcp9808.CriticalLimitRegister));
        Assert.Equal(0x0080, Read16(EmulatedMcp9808.ConfigRegister));
    }

    [Fact]
    public void Limit_Write_KeepsQuarterDegreeBitsOnly()
    {
        Write16(EmulatedMcp9808.UpperLimitRegister, 0xFFFF);

        Assert.Equal(0x1FFC, Read16(EmulatedMcp9808.UpperLimitRegister));
    }

    private int Read16(byte register)
    {
        Span<byte> buffer = stackalloc byte[2];
        _chip.WriteRead([register], buffer);
        return BinaryPrimitives.ReadUInt16BigEndian(buffer);
    }

    private void Write16(byte register, int value) =>
        _chip.Write([register, (byte)(value >> 8), (byte)value]);
}
