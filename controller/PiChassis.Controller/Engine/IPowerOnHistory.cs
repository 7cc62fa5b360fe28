namespace PiChassis.Controller.Engine;

/// <summary>
/// Where the engine keeps each slot's power-ons of the last day, so its hourly wear guard and the
/// energy policy's daily cycle budget survive a controller restart.
/// </summary>
public interface IPowerOnHistory
{
    /// <summary>Every kept power-on: the slot and when its relay closed.</summary>
    IReadOnlyList<(int Slot, DateTimeOffset At)> Load();

    /// <summary>Hands a power-on to the writer (never waits for the disk), and forgets those before <paramref name="keepFrom"/>.</summary>
    void Save(int slot, DateTimeOffset at, DateTimeOffset keepFrom);
}
