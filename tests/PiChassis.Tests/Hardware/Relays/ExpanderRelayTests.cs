using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Relays;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Tests.Hardware.Expander;

namespace PiChassis.Tests.Hardware.Relays;

public class ExpanderRelayTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Constructor_BankOnChipThatKeptItsOutputs_AdoptsThemWithoutWriting()
    {
        // The controller restarts while the chip, on the chassis rail, holds 12 relays.
        EmulatedMcp23017 chip = Mcp23017ExpanderTests.ChipWithOutputs(_time);
        byte[] registersBefore = chip.ExportRegisters();
        var expander = Mcp23017Expander.Open(chip);
        long transactionsAfterOpen = chip.Transactions;

        ExpanderRelay[] relays = [.. Enumerable.Range(0, 12).Select(pin => new ExpanderRelay(expander, pin, activeLow: true))];

        Assert.Equal(transactionsAfterOpen, chip.Transactions);
        Assert.Equal(registersBefore, chip.ExportRegisters());
        Assert.Empty(chip.Journal);
        // Latch 0x0A05: pins 0, 2, 9 and 11 high (open, active-low); the rest low (closed).
        bool[] expectedClosed = [.. Enumerable.Range(0, 12).Select(pin => pin is not (0 or 2 or 9 or 11))];
        Assert.Equal(expectedClosed, relays.Select(relay => relay.InitialClosed));
        Assert.Equal(expectedClosed, relays.Select(relay => relay.IsClosed));
    }

    [Fact]
    public void Constructor_FreshPinActiveLow_ComesUpOpenAtHighLevel()
    {
        var chip = new EmulatedMcp23017(0x20, _time);

        var relay = new ExpanderRelay(Mcp23017Expander.Open(chip), 12, activeLow: true);

        Assert.False(relay.InitialClosed);
        Assert.False(relay.IsClosed);
        Assert.Equal([new PinLevelChange(_time.GetUtcNow(), 12, true)], chip.Journal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Set_Closed_DrivesPolarityLevel(bool activeLow, bool expectedLevel)
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        var relay = new ExpanderRelay(Mcp23017Expander.Open(chip), 5, activeLow);

        relay.Set(true);

        Assert.True(relay.IsClosed);
        Assert.True(chip.IsOutput(5));
        Assert.Equal(expectedLevel, chip.OutputLevel(5));
    }

    [Fact]
    public void Set_RepeatedStates_WritesOnlyOnChange()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        var relay = new ExpanderRelay(Mcp23017Expander.Open(chip), 5, activeLow: true);
        long transactions = chip.Transactions;

        relay.Set(false);
        relay.Set(true);
        relay.Set(true);
        relay.Set(false);
        relay.Set(false);

        Assert.Equal(transactions + 2, chip.Transactions);
    }
}
