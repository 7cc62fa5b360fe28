using PiChassis.Hardware;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Hardware.Temperature;
using PiChassis.Tests.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Temperature;

public sealed class Lm75ProbeTests : IDisposable
{
    private readonly SettableTemperatureSource _source = new(25.0);
    private readonly EmulatedLm75 _chip;

    public Lm75ProbeTests() => _chip = new EmulatedLm75(0x4F, _source);

    public void Dispose() => _chip.Dispose();

    [Theory]
    [InlineData(-25.5)]
    [InlineData(-55.0)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    [InlineData(37.5)]
    [InlineData(125.0)]
    public void ReadCelsius_HalfDegrees_ReadsBackExactly(double celsius)
    {
        using var probe = new Lm75Probe(_chip);
        _source.TemperatureC = celsius;

        Assert.Equal(celsius, probe.ReadCelsius());
    }

    [Theory]
    [InlineData(21.3125, 21.2)]
    [InlineData(-21.3125, -21.4)]
    public void ReadCelsius_TwelveBitPart_BindingTruncatesToEighthsThenRoundsToTenths(double celsius, double expected)
    {
        _chip.Write([EmulatedLm75.ConfigRegister, 0x60]);
        using var probe = new Lm75Probe(_chip);
        _source.TemperatureC = celsius;

        // The binding keeps 11 bits (two's complement truncation: 21.25, -21.375) and then
        // rounds to one decimal, so a finer part reads up to ~0.18 °C off. Documented in
        // hardware/PiChassis.Hardware/Temperature/README.md.
        Assert.Equal(expected, probe.ReadCelsius());
    }

    [Fact]
    public void Constructor_ChipInShutdown_WakesIt()
    {
        _chip.Write([EmulatedLm75.ConfigRegister, 0x01]);

        using var probe = new Lm75Probe(_chip);

        Assert.False(_chip.IsShutdown);
    }

    [Fact]
    public void ReadCelsius_ChipStopsAnswering_ThrowsHardwareExceptionNamingAddress()
    {
        using var probe = new Lm75Probe(_chip);
        _chip.IsDisconnected = true;

        var ex = Assert.Throws<HardwareException>(() => probe.ReadCelsius());
        Assert.Contains("0x4F", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoChip_ThrowsHardwareExceptionAndDisposesDevice()
    {
        _chip.IsDisconnected = true;

        Assert.Throws<HardwareException>(() => new Lm75Probe(_chip));
        Assert.True(_chip.IsDisposed);
    }

    [Fact]
    public void Constructor_AddressOutsideLm75Range_ThrowsArgumentOutOfRange()
    {
        using var chip = new EmulatedLm75(0x18, _source);

        Assert.Throws<ArgumentOutOfRangeException>(() => new Lm75Probe(chip));
    }

    [Fact]
    public void Dispose_DisposesTheDevice()
    {
        var probe = new Lm75Probe(_chip);

        probe.Dispose();

        Assert.True(_chip.IsDisposed);
    }
}
