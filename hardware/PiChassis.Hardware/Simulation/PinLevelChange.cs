namespace PiChassis.Hardware.Simulation;

/// <summary>A change of the level a simulated chip drives on one of its pins.</summary>
/// <param name="At">When the change happened, on the simulation's clock.</param>
/// <param name="Pin">The pin as the chip numbers it.</param>
/// <param name="Level">The level now driven; null when the pin stopped driving (became an input).</param>
public readonly record struct PinLevelChange(DateTimeOffset At, int Pin, bool? Level);
