using Iot.Device.Mcp23xxx;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Expander;

public class Mcp23017ExpanderTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Open_ChipKeptItsOutputs_ReadsThemAndWritesNothing()
    {
        EmulatedMcp23017 chip = ChipWithOutputs(_time);
        byte[] registersBefore = chip.ExportRegisters();

        var expander = Mcp23017Expander.Open(chip);

        Assert.Equal(0x0FFF, expander.OutputsFound);
        Assert.Equal(0x0A05, expander.LatchFound);
        Assert.Equal(0x0A05, expander.LevelsFound);
        Assert.True(expander.IsOutput(11));
        Assert.False(expander.IsOutput(12));
        Assert.True(expander.OutputLevel(2));
        Assert.False(expander.OutputLevel(3));
        Assert.Equal(registersBefore, chip.ExportRegisters());
        Assert.Empty(chip.Journal);
    }

    [Fact]
    public void StockMcp23017Constructor_ChipKeptItsOutputs_ChangesThem()
    {
        // The trap this driver exists for: the binding's constructor rewrites the chip, so a
        // service restart would switch slots.
        EmulatedMcp23017 chip = ChipWithOutputs(_time);

        using var stock = new Mcp23017(chip, shouldDispose: false);

        // Measured: it writes IODIR = 0xFFFF, GPIO = 0 and IPOL = 0. Every output stops driving
        // (the relay boards see their pull) and the latch they would come back at is cleared.
        Assert.Equal(Enumerable.Range(0, 12), chip.Journal.Select(change => change.Pin));
        Assert.All(chip.Journal, change => Assert.Null(change.Level));
        byte[] registers = chip.ExportRegisters();
        Assert.Equal(0x00, registers[(int)Mcp23017Register.OlatA]);
        Assert.Equal(0x00, registers[(int)Mcp23017Register.OlatB]);
    }

    [Fact]
    public void ConfigureOutput_FreshChip_LatchesSafeLevelBeforeDriving()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        var expander = Mcp23017Expander.Open(chip);

        bool level = expander.ConfigureOutput(9, levelIfNotAlreadyOutput: true);

        Assert.True(level);
        // Driven high from the start: never low, not even for one write.
        Assert.Equal([new PinLevelChange(_time.GetUtcNow(), 9, true)], chip.Journal);
        byte[] registers = chip.ExportRegisters();
        Assert.Equal(0b0000_0010, registers[(int)Mcp23017Register.OlatB]);
        Assert.Equal(0b1111_1101, registers[(int)Mcp23017Register.IodirB]);
    }

    [Fact]
    public void ConfigureOutput_PinAlreadyOutput_AdoptsLevelWithoutWriting()
    {
        EmulatedMcp23017 chip = ChipWithOutputs(_time);
        var expander = Mcp23017Expander.Open(chip);
        long transactions = chip.Transactions;

        bool level = expander.ConfigureOutput(0, levelIfNotAlreadyOutput: false);

        Assert.True(level);
        Assert.Equal(transactions, chip.Transactions);
    }

    [Fact]
    public void SetOutput_SameLevelTwice_WritesOnce()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        var expander = Mcp23017Expander.Open(chip);
        expander.ConfigureOutput(3, levelIfNotAlreadyOutput: false);
        long transactions = chip.Transactions;

        expander.SetOutput(3, true);
        expander.SetOutput(3, true);

        Assert.Equal(transactions + 1, chip.Transactions);
        Assert.True(chip.OutputLevel(3));
    }

    [Fact]
    public void SetOutput_OnePin_KeepsTheOtherPinsOfThePort()
    {
        EmulatedMcp23017 chip = ChipWithOutputs(_time);
        var expander = Mcp23017Expander.Open(chip);

        expander.SetOutput(1, true);

        Assert.Equal(0b0000_0111, chip.ExportRegisters()[(int)Mcp23017Register.OlatA]);
        Assert.Equal([new PinLevelChange(_time.GetUtcNow(), 1, true)], chip.Journal);
    }

    [Fact]
    public void SetOutput_InputPin_Throws()
    {
        var expander = Mcp23017Expander.Open(new EmulatedMcp23017(0x20, _time));

        Assert.Throws<InvalidOperationException>(() => expander.SetOutput(4, true));
    }

    [Fact]
    public void Open_ChipInBank1Mode_ThrowsHardwareException()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.Iocon, 0x80]);

        Assert.Throws<HardwareException>(() => Mcp23017Expander.Open(chip));
    }

    [Fact]
    public void Open_ChipDoesNotAnswer_ThrowsHardwareException()
    {
        var device = new NotAnsweringI2cDevice(0x20);

        var ex = Assert.Throws<HardwareException>(() => Mcp23017Expander.Open(device));
        Assert.IsType<IOException>(ex.InnerException);
    }

    // Pins 0–11 outputs (GPA all, GPB0–3), latched 0x0A05; the state the chip keeps on the
    // chassis rail while the controller restarts. Imported, so the journal starts empty.
    internal static EmulatedMcp23017 ChipWithOutputs(TimeProvider time)
    {
        var chip = new EmulatedMcp23017(0x20, time);
        byte[] registers = chip.ExportRegisters();
        registers[(int)Mcp23017Register.IodirA] = 0x00;
        registers[(int)Mcp23017Register.IodirB] = 0xF0;
        registers[(int)Mcp23017Register.OlatA] = 0x05;
        registers[(int)Mcp23017Register.OlatB] = 0x0A;
        chip.ImportRegisters(registers);
        return chip;
    }
}
