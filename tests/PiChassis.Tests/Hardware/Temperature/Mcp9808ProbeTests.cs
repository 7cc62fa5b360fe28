using PiChassis.Hardware;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Hardware.Temperature;
using PiChassis.Tests.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Temperature;

public sealed class Mcp9808ProbeTests : IDisposable
{
    private readonly SettableTemperatureSource _source = new(25.0);
    private readonly EmulatedMcp9808 _chip;

    public Mcp9808ProbeTests() => _chip = new EmulatedMcp9808(0x19, _source);

    public void Dispose() => _chip.Dispose();

    [Theory]
    [InlineData(-12.5625)]
    [InlineData(-40.0)]
    [InlineData(-0.0625)]
    [InlineData(0.0)]
    [InlineData(23.4375)]
    [InlineData(125.0)]
    public void ReadCelsius_ExactSixteenths_ReadsBackExactly(double celsius)
    {
        using var probe = new Mcp9808Probe(_chip);
        _source.TemperatureC = celsius;

        Assert.Equal(celsius, probe.ReadCelsius());
    }

    [Fact]
    public void ReadCelsius_BetweenSteps_ReadsNearestSixteenth()
    {
        using var probe = new Mcp9808Probe(_chip);
        _source.TemperatureC = -7.31;

        Assert.Equal(-7.3125, probe.ReadCelsius());
    }

    [Fact]
    public void Constructor_ChipInShutdown_WakesIt()
    {
        _chip.Write([EmulatedMcp9808.ConfigRegister, 0x01, 0x00]);

        using var probe = new Mcp9808Probe(_chip);

        Assert.False(_chip.IsShutdown);
    }

    [Fact]
    public void ReadCelsius_ChipStopsAnswering_ThrowsHardwareExceptionNamingAddress()
    {
        using var probe = new Mcp9808Probe(_chip);
        _chip.IsDisconnected = true;

        var ex = Assert.Throws<HardwareException>(() => probe.ReadCelsius());
        Assert.Contains("0x19", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public void ReadCelsius_AmbientAllOnes_ThrowsHardwareException()
    {
        using var probe = new Mcp9808Probe(_chip);
        // Limits that set all three flags at -0.0625 °C make the ambient register read 0xFFFF,
        // which the binding reports as NaN (its "no conversion" value).
        WriteLimit(EmulatedMcp9808.CriticalLimitRegister, -16);
        WriteLimit(EmulatedMcp9808.UpperLimitRegister, -16);
        WriteLimit(EmulatedMcp9808.LowerLimitRegister, 0);
        _source.TemperatureC = -0.0625;

        var ex = Assert.Throws<HardwareException>(() => probe.ReadCelsius());
        Assert.Contains("0xFFFF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoChip_ThrowsHardwareExceptionAndDisposesDevice()
    {
        _chip.IsDisconnected = true;

        var ex = Assert.Throws<HardwareException>(() => new Mcp9808Probe(_chip));
        Assert.Contains("0x19", ex.Message, StringComparison.Ordinal);
        Assert.True(_chip.IsDisposed);
    }

    [Fact]
    public void Constructor_OtherChipAtAddress_ThrowsHardwareException()
    {
        using var lm75 = new EmulatedLm75(0x18, _source);

        var ex = Assert.Throws<HardwareException>(() => new Mcp9808Probe(lm75));
        Assert.Contains("not an MCP9808", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AddressOutsideMcp9808Range_ThrowsArgumentOutOfRange()
    {
        using var chip = new EmulatedMcp9808(0x48, _source);

        Assert.Throws<ArgumentOutOfRangeException>(() => new Mcp9808Probe(chip));
    }

    [Fact]
    public void Dispose_DisposesTheDevice()
    {
        var probe = new Mcp9808Probe(_chip);

        probe.Dispose();

        Assert.True(_chip.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => probe.ReadCelsius());
    }

    private void WriteLimit(byte register, int sixteenths) =>
        _chip.Write([register, (byte)((sixteenths >> 8) & 0x1F), (byte)sixteenths]);
}
