namespace PiChassis.Controller.Storage;

/// <summary>How the controller's previous run ended, as the store recorded it.</summary>
public enum PreviousStop
{
    /// <summary>No previous run is recorded (a fresh store).</summary>
    None,

    /// <summary>Stopped cleanly: everything was flushed.</summary>
    Clean,

    /// <summary>Killed, crashed or lost power: energy may lack up to one flush interval.</summary>
    Unclean,
}
