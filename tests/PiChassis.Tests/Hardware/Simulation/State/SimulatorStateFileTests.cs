using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Tests.Hardware.Simulation.State;

public sealed class SimulatorStateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pichassis-state-").FullName;

    private string StatePath => Path.Combine(_directory, "simulator.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoFile_ReturnsNull()
    {
        Assert.Null(new SimulatorStateFile(StatePath).Load());
        Assert.Null(new SimulatorStateFile(Path.Combine(_directory, "missing", "simulator.json")).Load());
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsEverything()
    {
        var file = new SimulatorStateFile(StatePath);
        var saved = Sample();

        file.Save(saved);
        var loaded = file.Load()!;

        Assert.Equal(SimulatorState.CurrentFormatVersion, loaded.FormatVersion);
        Assert.Equal(saved.Chassis with { Slots = [] }, loaded.Chassis with { Slots = [] });
        Assert.Equal(saved.Chassis.Slots, loaded.Chassis.Slots);
        Assert.Equal(PiProfile.Pi4B, loaded.Chassis.Slots[0].Board);
        Assert.Equal(saved.ChipRegisters.Keys, loaded.ChipRegisters.Keys);
        Assert.Equal(saved.ChipRegisters["mcp23017@0x20"], loaded.ChipRegisters["mcp23017@0x20"]);
    }

    [Fact]
    public void Save_Twice_ReplacesTheFileAndLeavesNoTemporaryFiles()
    {
        var file = new SimulatorStateFile(StatePath);
        file.Save(Sample());

        file.Save(Sample() with { ChipRegisters = new Dictionary<string, byte[]>() });

        Assert.Equal([StatePath], Directory.GetFiles(_directory));
        Assert.Empty(file.Load()!.ChipRegisters);
    }

    [Fact]
    public void Load_CorruptFile_ThrowsAClearErrorAndKeepsTheFile()
    {
        File.WriteAllText(StatePath, "{\"chassis\": {\"at\": \"2026-01-01T00:00:00+00:00\", \"slo");

        var error = Assert.Throws<SimulatorStateFileException>(() => new SimulatorStateFile(StatePath).Load());

        Assert.Contains(StatePath, error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(StatePath));
    }

    [Fact]
    public void Load_MissingChassis_Throws()
    {
        File.WriteAllText(StatePath, "{\"chipRegisters\": {}}");

        Assert.Throws<SimulatorStateFileException>(() => new SimulatorStateFile(StatePath).Load());
    }

    [Fact]
    public void Load_InvalidBoardProfile_Throws()
    {
        var file = new SimulatorStateFile(StatePath);
        file.Save(Sample());
        File.WriteAllText(StatePath, File.ReadAllText(StatePath).Replace("\"maxW\": 6.4", "\"maxW\": 1", StringComparison.Ordinal));

        Assert.Throws<SimulatorStateFileException>(file.Load);
    }

    [Fact]
    public void Load_NewerFormat_Throws()
    {
        var file = new SimulatorStateFile(StatePath);
        file.Save(Sample() with { FormatVersion = SimulatorState.CurrentFormatVersion + 1 });

        var error = Assert.Throws<SimulatorStateFileException>(file.Load);

        Assert.Contains("format", error.Message, StringComparison.Ordinal);
    }

    private static SimulatorState Sample()
    {
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        SlotState[] slots =
        [
            new(1, true, RelayFault.None, null, PiProfile.Pi4B, at.AddSeconds(-12.5), null, 0, 0.25, 1.5),
            new(2, true, RelayFault.WeldedClosed, 5.0, PiProfile.Pi5, at.AddMinutes(-5), at.AddMinutes(-1), 4.2, 0, 0.75),
            new(3, false, RelayFault.StuckOpen, null, null, null, null, 0, 0, 0),
        ];
        var registers = new Dictionary<string, byte[]> { ["mcp23017@0x20"] = [0x00, 0xFF, 0x12], ["ina219@0x40"] = [] };
        return new SimulatorState(new ChassisState(at, 22.5, 40, 31.25, slots), registers);
    }
}
