namespace PiChassis.Controller.Policy;

/// <summary>Where the policy keeps the power-ons of the last day, so a slot's daily cycle budget survives a controller restart.</summary>
public interface IPowerOnHistory
{
    /// <summary>Every kept power-on: the slot and when its relay closed.</summary>
    IReadOnlyList<(int Slot, DateTimeOffset At)> Load();

    /// <summary>Hands a power-on to the writer (never waits for the disk), and forgets those before <paramref name="keepFrom"/>.</summary>
    void Save(int slot, DateTimeOffset at, DateTimeOffset keepFrom);
}
