using PiChassis.Hardware.Ina219;
using UnitsNet;

namespace PiChassis.Tests.Hardware.Ina219;

public class Ina219CalibrationTests
{
    [Theory]
    [InlineData(0.01, 3.2, 0, 0.04)]   // 32 mV
    [InlineData(0.01, 4.0, 0, 0.04)]   // exactly 40 mV still fits the smallest range
    [InlineData(0.01, 5.0, 1, 0.08)]   // 50 mV
    [InlineData(0.02, 5.0, 2, 0.16)]   // 100 mV
    [InlineData(0.1, 3.2, 3, 0.32)]    // 320 mV
    public void For_MaxShuntVoltage_ChoosesSmallestPgaRangeCoveringIt(double shuntOhms, double maxA, int pg, double rangeV)
    {
        Ina219Calibration calibration = Ina219Calibration.For(ElectricResistance.FromOhms(shuntOhms), ElectricCurrent.FromAmperes(maxA));

        Assert.Equal(pg, (calibration.ConfigurationRegister >> 11) & 0b11);
        Assert.Equal(rangeV, calibration.ShuntRangeV);
    }

    [Fact]
    public void For_TenMilliohmsAndThreePointTwoAmps_FollowsTheDatasheetFormula()
    {
        Ina219Calibration calibration = Ina219Calibration.For(ElectricResistance.FromOhms(0.01), ElectricCurrent.FromAmperes(3.2));

        // 3.2 A / 32767 = 97.7 µA, rounded up to 100 µA; cal = 0.04096 / (100 µA × 0.01 Ω) = 40960.
        Assert.Equal(0xA000, calibration.CalibrationRegister);
        Assert.Equal(100e-6, calibration.CurrentLsbA, 12);
        Assert.Equal(2e-3, calibration.PowerLsbW, 12);
        // 16 V bus range, PGA ±40 mV, 12-bit bus and shunt ADC, shunt and bus continuous.
        Assert.Equal(0x019F, calibration.ConfigurationRegister);
    }

    [Fact]
    public void For_OddIdealCalibration_ClearsBitZeroAndDerivesTheLsbFromIt()
    {
        // 0.04096 / (100 µA × 0.013 Ω) = 31507.7: trunc gives 31507, the chip keeps 31506.
        Ina219Calibration calibration = Ina219Calibration.For(ElectricResistance.FromOhms(0.013), ElectricCurrent.FromAmperes(2.5));

        Assert.Equal(31506, calibration.CalibrationRegister);
        Assert.Equal(0.04096 / (31506 * 0.013), calibration.CurrentLsbA, 15);
    }

    [Fact]
    public void For_SmallShuntAndLowCurrent_CoarsensTheLsbSoTheCalibrationFits()
    {
        // 1.5 A / 32767 would give a 50 µA LSB and cal 163840, which 16 bits cannot hold.
        Ina219Calibration calibration = Ina219Calibration.For(ElectricResistance.FromOhms(0.005), ElectricCurrent.FromAmperes(1.5));

        Assert.Equal(200e-6, calibration.CurrentLsbA, 12);
        Assert.Equal(40960, calibration.CalibrationRegister);
    }

    [Theory]
    [InlineData(0.0, 1.0, "shunt")]
    [InlineData(-0.01, 1.0, "shunt")]
    [InlineData(0.01, 0.0, "maxExpectedCurrent")]
    [InlineData(0.01, -2.0, "maxExpectedCurrent")]
    [InlineData(0.1, 4.0, "maxExpectedCurrent")] // 400 mV: beyond the ±320 mV shunt range
    public void For_InvalidArguments_ThrowsArgumentOutOfRangeNamingTheArgument(double shuntOhms, double maxA, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Ina219Calibration.For(ElectricResistance.FromOhms(shuntOhms), ElectricCurrent.FromAmperes(maxA)));

        Assert.Equal(parameter, error.ParamName);
    }
}
