namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>A mechanical fault of a slot's relay: the contact no longer follows the coil input.</summary>
public enum RelayFault
{
    None,

    /// <summary>The contact is welded: the slot stays powered whatever the input.</summary>
    WeldedClosed,

    /// <summary>The contact never closes: the slot stays unpowered whatever the input.</summary>
    StuckOpen,
}
