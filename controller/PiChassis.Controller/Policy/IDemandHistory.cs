namespace PiChassis.Controller.Policy;

/// <summary>Where the <see cref="DemandProfile"/> keeps its minutes across restarts.</summary>
public interface IDemandHistory
{
    /// <summary>Every kept minute (minutes since the Unix epoch, local time) with the most nodes asked in it.</summary>
    IReadOnlyList<(long Minute, int Nodes)> Load();

    /// <summary>Hands the minute's highest demand so far to the writer (never waits for the disk), and forgets minutes before <paramref name="keepFrom"/>.</summary>
    void Save(long minute, int nodes, long keepFrom);
}
