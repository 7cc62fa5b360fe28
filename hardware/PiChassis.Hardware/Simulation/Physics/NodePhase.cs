namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>Where a simulated board is in its power life.</summary>
public enum NodePhase
{
    /// <summary>No power reaches the board (relay open, empty slot or a short on the feed).</summary>
    Unpowered,

    /// <summary>Powered, following the profile's boot curve; the node agent is not up yet.</summary>
    Booting,

    /// <summary>Booted: draws idle plus load; the node agent answers.</summary>
    Running,

    /// <summary>Shutting down after a halt request; the draw falls towards the halted draw.</summary>
    Halting,

    /// <summary>Halted but still powered: the halted draw continues until the relay opens.</summary>
    Halted,
}
