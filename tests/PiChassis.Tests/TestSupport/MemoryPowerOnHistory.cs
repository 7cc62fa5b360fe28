using PiChassis.Controller.Engine;

namespace PiChassis.Tests.TestSupport;

/// <summary>The last day's power-ons kept in memory, as a store would keep them across a restart.</summary>
internal sealed class MemoryPowerOnHistory : IPowerOnHistory
{
    private readonly List<(int Slot, DateTimeOffset At)> _powerOns = [];

    public IReadOnlyList<(int Slot, DateTimeOffset At)> Load() => [.. _powerOns];

    public void Save(int slot, DateTimeOffset at, DateTimeOffset keepFrom)
    {
        _powerOns.Add((slot, at));
        _powerOns.RemoveAll(p => p.At < keepFrom);
    }
}
