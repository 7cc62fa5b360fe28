namespace PiChassis.Hardware.Simulation.State;

/// <summary>
/// Everything the simulated hardware must keep across a controller crash: the chassis model and
/// each emulated chip's registers, as opaque snapshots keyed by a name the chip's owner chooses.
/// </summary>
public sealed record SimulatorState(ChassisState Chassis, IReadOnlyDictionary<string, byte[]> ChipRegisters)
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Layout version of the file, so an old controller refuses a newer layout instead of misreading it.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;
}
