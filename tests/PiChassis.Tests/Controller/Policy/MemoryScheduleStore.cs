using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

/// <summary>Scheduled capacity kept in memory, as a store would keep it across a restart.</summary>
internal sealed class MemoryScheduleStore : IScheduledCapacityStore
{
    private readonly Dictionary<string, ScheduledCapacity> _entries = [];

    public IReadOnlyList<ScheduledCapacity> Load() => [.. _entries.Values];

    public void Add(ScheduledCapacity entry) => _entries[entry.Id] = entry;

    public void Remove(string id) => _entries.Remove(id);
}
