namespace PiChassis.Controller.Configuration;

/// <summary>The simulated chassis used by <c>--simulate</c>. Section <c>Simulation</c>.</summary>
public sealed class SimulationOptions
{
    public const string Section = "Simulation";

    public bool Enabled { get; set; }

    /// <summary>Board in every slot: <c>pi4b</c>, <c>pi3b+</c> or <c>pi5</c>.</summary>
    public string Board { get; set; } = "pi4b";

    /// <summary>Rated power of the simulated supply.</summary>
    public double PsuRatedW { get; set; } = 75;

    public double AmbientC { get; set; } = 24;

    /// <summary>A fresh simulated chassis (no saved state) starts with its slots powered.</summary>
    public bool StartPowered { get; set; } = true;

    /// <summary>
    /// Keeps the simulated hardware's state (relay latches, boards) and its relay write log in the
    /// data directory, so the simulated chassis outlives a controller restart as real hardware does.
    /// Off only where the controller's own path is timed: real relays hold their state without a file.
    /// </summary>
    public bool Persist { get; set; } = true;
}
