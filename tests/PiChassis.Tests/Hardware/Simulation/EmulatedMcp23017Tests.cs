using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Simulation;

public class EmulatedMcp23017Tests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Constructor_PowerOnReset_AllPinsInputsAndNothingDriven()
    {
        var chip = new EmulatedMcp23017(0x20, _time);

        byte[] registers = chip.ExportRegisters();

        Assert.Equal(0xFF, registers[(int)Mcp23017Register.IodirA]);
        Assert.Equal(0xFF, registers[(int)Mcp23017Register.IodirB]);
        Assert.Equal(0x00, registers[(int)Mcp23017Register.OlatA]);
        Assert.All(Enumerable.Range(0, 16), pin => Assert.False(chip.IsOutput(pin)));
    }

    [Fact]
    public void Write_SeveralBytes_FillsConsecutiveRegisters()
    {
        var chip = new EmulatedMcp23017(0x20, _time);

        chip.Write([(byte)Mcp23017Register.GppuA, 0x0F, 0xF0]);

        byte[] registers = chip.ExportRegisters();
        Assert.Equal(0x0F, registers[(int)Mcp23017Register.GppuA]);
        Assert.Equal(0xF0, registers[(int)Mcp23017Register.GppuB]);
    }

    [Fact]
    public void WriteRead_PastLastRegister_WrapsToIodirA()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.OlatA, 0x12, 0x34]);
        var buffer = new byte[4];

        chip.WriteRead([(byte)Mcp23017Register.OlatA], buffer);

        Assert.Equal(new byte[] { 0x12, 0x34, 0xFF, 0xFF }, buffer);
    }

    [Fact]
    public void WriteRead_ByteModeSeqop_TogglesWithinPair()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.Iocon, 0x20]);
        chip.Write([(byte)Mcp23017Register.IodirA, 0xF0]);
        var buffer = new byte[3];

        chip.WriteRead([(byte)Mcp23017Register.IodirA], buffer);

        Assert.Equal(new byte[] { 0xF0, 0xFF, 0xF0 }, buffer);
    }

    [Fact]
    public void ReadGpio_InputsWithIpolAndPullUps_ReturnsPinLevelsXorIpol()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        // Port A: pins 0–3 pulled up, pin 0 and pin 4 polarity-inverted; pin 1 pressed to ground.
        chip.Write([(byte)Mcp23017Register.IpolA, 0b0001_0001]);
        chip.Write([(byte)Mcp23017Register.GppuA, 0b0000_1111]);
        chip.SetInputLevel(1, false);
        chip.SetInputLevel(5, true);
        var gpio = new byte[1];

        chip.WriteRead([(byte)Mcp23017Register.GpioA], gpio);

        // Pin levels 0b0010_1101 (0, 2, 3 pulled up; 5 driven high), XOR IPOL 0b0001_0001.
        Assert.Equal(0b0011_1100, gpio[0]);
    }

    [Fact]
    public void ReadGpio_OutputPins_ReturnLatchNotInputs()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.IpolB, 0xFF]);
        chip.Write([(byte)Mcp23017Register.OlatB, 0b1010_0000]);
        chip.Write([(byte)Mcp23017Register.IodirB, 0b0000_1111]);
        chip.SetInputLevel(15, false);
        var gpio = new byte[1];

        chip.WriteRead([(byte)Mcp23017Register.GpioB], gpio);

        // High nibble: outputs at the latch; low nibble: floating inputs read low, inverted by IPOL.
        Assert.Equal(0b1010_1111, gpio[0]);
        Assert.True(chip.OutputLevel(15));
    }

    [Fact]
    public void WriteGpio_LandsInOlatAndDrivesOutputs()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.IodirA, 0x00]);

        chip.Write([(byte)Mcp23017Register.GpioA, 0x81]);

        Assert.Equal(0x81, chip.ExportRegisters()[(int)Mcp23017Register.OlatA]);
        Assert.True(chip.OutputLevel(0));
        Assert.True(chip.OutputLevel(7));
        Assert.False(chip.OutputLevel(1));
    }

    [Fact]
    public void Write_OutputLevelChanges_JournaledWithTimeAndRaised()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.IodirA, 0xFE]);
        int raised = 0;
        chip.OutputsChanged += (_, _) => raised++;
        _time.Advance(TimeSpan.FromSeconds(5));

        chip.Write([(byte)Mcp23017Register.OlatA, 0x03]);
        chip.Write([(byte)Mcp23017Register.OlatA, 0x03]);
        chip.Write([(byte)Mcp23017Register.IodirA, 0xFF]);

        Assert.Equal(
            [
                new PinLevelChange(_time.GetUtcNow().AddSeconds(-5), 0, false),
                new PinLevelChange(_time.GetUtcNow(), 0, true),
                new PinLevelChange(_time.GetUtcNow(), 0, null),
            ],
            chip.Journal);
        Assert.Equal(2, raised);
    }

    [Fact]
    public void ReadGpio_AfterInterruptOnChange_CapturesPortAndClearsIntf()
    {
        var chip = new EmulatedMcp23017(0x20, _time);
        chip.Write([(byte)Mcp23017Register.GppuA, 0x03]);
        chip.Write([(byte)Mcp23017Register.GpintenA, 0x01]);
        chip.SetInputLevel(0, false);
        var intf = new byte[1];

        chip.WriteRead([(byte)Mcp23017Register.IntfA], intf);
        chip.WriteRead([(byte)Mcp23017Register.GpioA], new byte[1]);

        byte[] registers = chip.ExportRegisters();
        Assert.Equal(0x01, intf[0]);
        Assert.Equal(0x02, registers[(int)Mcp23017Register.IntcapA]);
        Assert.Equal(0x00, registers[(int)Mcp23017Register.IntfA]);
    }

    [Fact]
    public void Transactions_CountEachTransferAndItsBytes()
    {
        var chip = new EmulatedMcp23017(0x20, _time);

        chip.Write([(byte)Mcp23017Register.OlatA, 0x01]);
        chip.WriteRead([(byte)Mcp23017Register.IodirA], new byte[2]);

        Assert.Equal(2, chip.Transactions);
        Assert.Equal(3 + 5, chip.BytesTransferred);
    }

    [Fact]
    public void ImportRegisters_ExportedState_RestoresOutputsWithoutJournal()
    {
        var before = new EmulatedMcp23017(0x21, _time);
        before.Write([(byte)Mcp23017Register.OlatA, 0b0000_0101, 0b1000_0000]);
        before.Write([(byte)Mcp23017Register.IodirA, 0b1111_0000, 0b0111_1111]);
        var after = new EmulatedMcp23017(0x21, _time);
        int raised = 0;
        after.OutputsChanged += (_, _) => raised++;

        after.ImportRegisters(before.ExportRegisters());

        Assert.Equal(before.ExportRegisters(), after.ExportRegisters());
        Assert.True(after.OutputLevel(0));
        Assert.False(after.OutputLevel(1));
        Assert.True(after.OutputLevel(15));
        Assert.Empty(after.Journal);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ImportRegisters_WrongLength_Throws()
    {
        var chip = new EmulatedMcp23017(0x20, _time);

        Assert.Throws<ArgumentException>(() => chip.ImportRegisters(new byte[21]));
    }
}
