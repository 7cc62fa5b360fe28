namespace PiChassis.Controller.Storage;

/// <summary>How the store was found when the controller started.</summary>
public enum StoreStatus
{
    /// <summary>The file was there and sound.</summary>
    Opened,

    /// <summary>There was no file: a fresh store (first start, or the file was removed).</summary>
    Created,

    /// <summary>The file was damaged or of a newer format: set aside, a fresh store started.</summary>
    Recovered,

    /// <summary>The data directory could not be used: the store lives in memory until the controller stops.</summary>
    InMemory,
}
