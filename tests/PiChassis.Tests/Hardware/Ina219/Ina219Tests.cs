using Iot.Device.Adc;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation.Chips;
using StockIna219 = Iot.Device.Adc.Ina219;

namespace PiChassis.Tests.Hardware.Ina219;

/// <summary>
/// The stock <c>Iot.Device.Adc.Ina219</c> (Iot.Device.Bindings 4.2.0) against the emulated chip:
/// the defects the README reports, kept checked. These pass while the defects exist.
/// </summary>
public sealed class Ina219Tests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SettablePowerRail _rail = new(5.0, -0.1);
    private readonly EmulatedIna219 _chip;
    private readonly StockIna219 _stock;

    public Ina219Tests()
    {
        _chip = new EmulatedIna219(0x40, _rail, 0.01, _time);
        _stock = new StockIna219(_chip);
        _stock.Reset();
        _stock.SetCalibration(40960, 100e-6F); // 0.01 Ω, 100 µA LSB: the same scaling as ours
    }

    public void Dispose()
    {
        _stock.Dispose();
        _chip.Dispose();
    }

    [Fact]
    public void ReadCurrent_MinusPointOneAmp_ReadsSixPointFourFiveAmps()
    {
        _time.Advance(TimeSpan.FromMilliseconds(2));

        // The current register holds -1000 (0xFC18); read as unsigned it is 64536 × 100 µA.
        Assert.Equal(6.4536, _stock.ReadCurrent().Amperes, 3);
        Assert.Equal(0.65436, _stock.ReadShuntVoltage().Volts, 5);
    }

    [Fact]
    public void ShuntAdcResolutionOrSamples_Set128Samples_WritesTheBusAdcField()
    {
        _stock.ShuntAdcResolutionOrSamples = Ina219AdcResolutionOrSamples.Adc128Sample;

        Assert.Equal(0b1111, (_chip.Configuration >> 7) & 0xF); // BADC: bus ADC now averages 128 samples
        Assert.Equal(0b0000, (_chip.Configuration >> 3) & 0xF); // SADC: shunt ADC dropped to 9 bits
    }
}
