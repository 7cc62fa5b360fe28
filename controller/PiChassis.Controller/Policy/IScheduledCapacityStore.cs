namespace PiChassis.Controller.Policy;

/// <summary>Where the policy keeps its <see cref="ScheduledCapacity"/> entries across restarts.</summary>
public interface IScheduledCapacityStore
{
    /// <summary>Every kept entry.</summary>
    IReadOnlyList<ScheduledCapacity> Load();

    /// <summary>Hands a new entry to the writer (never waits for the disk).</summary>
    void Add(ScheduledCapacity entry);

    /// <summary>Hands the removal of an ended or cancelled entry to the writer (never waits for the disk).</summary>
    void Remove(string id);
}
