using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Panel;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Tests.Hardware.Expander;

namespace PiChassis.Tests.Hardware.Panel;

public class ExpanderLedTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Set_SameLevelRepeatedly_WritesOnlyOnChange()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        var led = new ExpanderLed(Mcp23017Expander.Open(chip), 15);
        long transactions = chip.Transactions;

        led.Set(true);
        led.Set(true);
        led.Set(false);
        led.Set(false);

        Assert.Equal(transactions + 2, chip.Transactions);
        Assert.False(led.IsLit);
    }

    [Fact]
    public void Constructor_FreshPinActiveLow_OpensDarkAtHighLevel()
    {
        var chip = new EmulatedMcp23017(0x20, _time);

        var led = new ExpanderLed(Mcp23017Expander.Open(chip), 15, activeLow: true);

        Assert.False(led.IsLit);
        Assert.True(chip.OutputLevel(15));
    }

    [Fact]
    public void Constructor_LedLitBeforeRestart_AdoptsItWithoutWriting()
    {
        EmulatedMcp23017 chip = Mcp23017ExpanderTests.ChipWithOutputs(_time);
        var expander = Mcp23017Expander.Open(chip);
        long transactions = chip.Transactions;

        var led = new ExpanderLed(expander, 11);

        Assert.True(led.IsLit);
        Assert.Equal(transactions, chip.Transactions);
    }
}
