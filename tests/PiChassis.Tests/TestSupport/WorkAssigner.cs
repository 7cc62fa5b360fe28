using PiChassis.Controller.Engine;

namespace PiChassis.Tests.TestSupport;

/// <summary>
/// A scheduler's dispatcher on a <see cref="SimulatedRig"/>: puts the demand on nodes that are up
/// (phase on), keeping work where it already runs and otherwise filling the lowest slot numbers
/// first, as Slurm's node order does. A loaded node draws its busy power (SetLoad on the simulator).
/// </summary>
public sealed class WorkAssigner(SimulatedRig rig, double loadFraction)
{
    private readonly SortedSet<int> _loaded = [];

    public bool IsLoaded(int slot) => _loaded.Contains(slot);

    /// <summary>Assigns <paramref name="demand"/> nodes' worth of work; returns how many nodes got work.</summary>
    public int Assign(int demand)
    {
        var up = rig.Engine.States
            .Where(s => s.Phase == SlotPhase.On && rig.Chassis.Slot(s.Slot).IsUp)
            .Select(s => s.Slot)
            .ToList();
        var chosen = up.OrderBy(s => _loaded.Contains(s) ? 0 : 1).ThenBy(s => s).Take(demand).ToHashSet();
        foreach (var slot in _loaded.Where(s => !chosen.Contains(s)).ToList())
        {
            _loaded.Remove(slot);
            rig.Chassis.Slot(slot).SetLoad(0);
        }

        foreach (var slot in chosen.Where(_loaded.Add))
        {
            rig.Chassis.Slot(slot).SetLoad(loadFraction);
        }

        return chosen.Count;
    }
}
