using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware;
using PiChassis.Hardware.Ina219;
using PiChassis.Hardware.Simulation.Chips;
using UnitsNet;

namespace PiChassis.Tests.Hardware.Ina219;

public class Ina219PowerSensorTests
{
    // A 12-bit shunt and bus conversion cycle is 2 × 532 µs.
    private static readonly TimeSpan OneConversion = TimeSpan.FromMicroseconds(1100);

    private readonly FakeTimeProvider _time = new();
    private readonly SettablePowerRail _rail = new(5.0, 1.2);

    [Fact]
    public void Constructor_ThreePointTwoAmpsOnTenMilliohms_WritesConfigurationAndCalibration()
    {
        EmulatedIna219 chip = Chip(0.01);

        using var sensor = new Ina219PowerSensor(chip, ElectricResistance.FromOhms(0.01), ElectricCurrent.FromAmperes(3.2));

        Assert.Equal(0x019F, chip.Configuration);
        Assert.Equal(0xA000, chip.Calibration);
    }

    [Theory]
    [InlineData(3.0, 0)]  // 30 mV → ±40 mV
    [InlineData(7.0, 1)]  // 70 mV → ±80 mV
    [InlineData(12.0, 2)] // 120 mV → ±160 mV
    [InlineData(30.0, 3)] // 300 mV → ±320 mV
    public void Constructor_MaxExpectedCurrent_WritesTheSmallestCoveringPga(double maxA, int pg)
    {
        EmulatedIna219 chip = Chip(0.01);

        using var sensor = new Ina219PowerSensor(chip, ElectricResistance.FromOhms(0.01), ElectricCurrent.FromAmperes(maxA));

        Assert.Equal(pg, (chip.Configuration >> 11) & 0b11);
    }

    [Theory]
    [InlineData(0.01, 1.2)]
    [InlineData(0.01, 0.001)]
    [InlineData(0.01, -0.001)]
    [InlineData(0.01, -0.1)]
    [InlineData(0.015, 1.2)]
    [InlineData(0.015, -0.1)]
    public void ReadCurrentA_AnyCurrent_MatchesTheChipsArithmetic(double shuntOhms, double currentA)
    {
        _rail.CurrentA = currentA;
        EmulatedIna219 chip = Chip(shuntOhms);
        using var sensor = new Ina219PowerSensor(chip, ElectricResistance.FromOhms(shuntOhms), ElectricCurrent.FromAmperes(3.2));
        _time.Advance(OneConversion);

        double readA = sensor.ReadCurrentA();

        // Datasheet: shunt counts of 10 µV, current register = shunt × cal / 4096, truncated.
        int shuntCounts = (int)Math.Round(currentA * shuntOhms / 10e-6);
        int currentCounts = shuntCounts * chip.Calibration / 4096;
        Assert.Equal(currentCounts * sensor.Calibration.CurrentLsbA, readA, 12);
        Assert.Equal(currentA, readA, 3);
    }

    [Fact]
    public void ReadCurrentA_MinusPointOneAmp_ReadsMinusPointOneAmp()
    {
        _rail.CurrentA = -0.1;
        using Ina219PowerSensor sensor = Sensor(Chip(0.01));
        _time.Advance(OneConversion);

        Assert.Equal(-0.1, sensor.ReadCurrentA(), 9);
    }

    [Fact]
    public void ReadCurrentA_Always_IsOneTwoByteRegisterRead()
    {
        EmulatedIna219 chip = Chip(0.01);
        using Ina219PowerSensor sensor = Sensor(chip);
        long transactions = chip.Transactions;
        long bytes = chip.BytesTransferred;

        sensor.ReadCurrentA();

        Assert.Equal(1, chip.Transactions - transactions);
        Assert.Equal(5, chip.BytesTransferred - bytes);
    }

    [Fact]
    public void Read_OnePointTwoAmpsAtFiveVolts_ReturnsEveryQuantity()
    {
        using Ina219PowerSensor sensor = Sensor(Chip(0.01));
        _time.Advance(OneConversion);

        PowerReading reading = sensor.Read();

        Assert.Equal(5.0, reading.BusVoltageV, 9);
        Assert.Equal(0.012, reading.ShuntVoltageV, 9);
        Assert.Equal(1.2, reading.CurrentA, 9);
        Assert.Equal(6.0, reading.PowerW, 9); // 12000 × 1250 / 5000 = 3000 counts of 2 mW
        Assert.False(reading.Overflow);
        Assert.True(reading.ConversionReady);
    }

    [Fact]
    public void Read_NegativeCurrent_ReturnsNegativeCurrentAndShuntVoltage()
    {
        _rail.CurrentA = -0.1;
        using Ina219PowerSensor sensor = Sensor(Chip(0.01));
        _time.Advance(OneConversion);

        PowerReading reading = sensor.Read();

        Assert.Equal(-0.1, reading.CurrentA, 9);
        Assert.Equal(-0.001, reading.ShuntVoltageV, 9);
        Assert.Equal(0.5, reading.PowerW, 9); // The power register holds the magnitude.
    }

    [Fact]
    public void Read_ShuntVoltageBeyondPgaRange_FlagsOverflow()
    {
        _rail.CurrentA = 5.0; // 50 mV on a ±40 mV range
        using Ina219PowerSensor sensor = Sensor(Chip(0.01));
        _time.Advance(OneConversion);

        PowerReading reading = sensor.Read();

        Assert.True(reading.Overflow);
        Assert.Equal(0.04, reading.ShuntVoltageV, 9);
    }

    [Fact]
    public void Read_ConversionReady_ClearsOnReadAndSetsAfterTheNextConversion()
    {
        using Ina219PowerSensor sensor = Sensor(Chip(0.01));

        Assert.False(sensor.Read().ConversionReady); // The configuration write restarted the cycle.
        _time.Advance(OneConversion);
        Assert.True(sensor.Read().ConversionReady);
        Assert.False(sensor.Read().ConversionReady); // Reading power acknowledged it.
        _time.Advance(OneConversion);
        Assert.True(sensor.Read().ConversionReady);
    }

    [Fact]
    public void Read_ChipLostItsCalibration_ReinitialisesAndThrowsOnce()
    {
        EmulatedIna219 chip = Chip(0.01);
        using Ina219PowerSensor sensor = Sensor(chip);
        chip.PowerOnReset();

        var error = Assert.Throws<HardwareException>(() => sensor.Read());

        Assert.Contains("0x40", error.Message, StringComparison.Ordinal);
        Assert.Contains("calibration", error.Message, StringComparison.Ordinal);
        Assert.Equal(0xA000, chip.Calibration);
        Assert.Equal(0x019F, chip.Configuration);
        _time.Advance(OneConversion);
        Assert.Equal(1.2, sensor.Read().CurrentA, 9);
    }

    [Fact]
    public void ReadCurrentA_ChipDoesNotAnswer_ThrowsHardwareExceptionNamingTheAddress()
    {
        EmulatedIna219 chip = Chip(0.01);
        using Ina219PowerSensor sensor = Sensor(chip);
        chip.Responding = false;

        var error = Assert.Throws<HardwareException>(() => sensor.ReadCurrentA());

        Assert.Contains("0x40", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void Constructor_DeviceTimesOut_ThrowsHardwareExceptionAndDisposesAnOwnedDevice()
    {
        using var device = new StubI2cDevice(new TimeoutException("bus stuck"));

        var error = Assert.Throws<HardwareException>(
            () => new Ina219PowerSensor(device, ElectricResistance.FromOhms(0.01), ElectricCurrent.FromAmperes(3.2), ownsDevice: true));

        Assert.Contains("0x45", error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(device.Disposed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dispose_OwnsDeviceOrNot_DisposesTheDeviceOnlyWhenOwned(bool ownsDevice)
    {
        using var device = new StubI2cDevice(failure: null);
        var sensor = new Ina219PowerSensor(device, ElectricResistance.FromOhms(0.01), ElectricCurrent.FromAmperes(3.2), ownsDevice);

        sensor.Dispose();

        Assert.Equal(ownsDevice, device.Disposed);
        Assert.Throws<ObjectDisposedException>(() => sensor.ReadCurrentA());
    }

    private EmulatedIna219 Chip(double shuntOhms) => new(0x40, _rail, shuntOhms, _time);

    private static Ina219PowerSensor Sensor(EmulatedIna219 chip) =>
        new(chip, ElectricResistance.FromOhms(0.01), ElectricCurrent.FromAmperes(3.2));
}
