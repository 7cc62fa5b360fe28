using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// Slurm's own power saving, as its ResumeProgram/SuspendProgram would drive the chassis: when work
/// waits and no idle node is up, power on as many powered-down nodes as it needs (lowest node
/// first; nodes already booting count for the waiting work); suspend (graceful off) every node that
/// has been idle for SuspendTime. Slots stay manual; commands are remote ones from "slurm".
/// </summary>
internal sealed class SlurmPeerScheduler(TimeSpan suspendTime) : IReplayScheduler
{
    /// <summary>The SuspendTime settings the peer is replayed at.</summary>
    public static readonly IReadOnlyList<TimeSpan> SuspendTimes = [.. new[] { 60, 120, 300, 600, 1200 }.Select(s => TimeSpan.FromSeconds(s))];

    private readonly Dictionary<int, TimeSpan> _idleSince = [];

    public TimeSpan SuspendTime => suspendTime;

    public string Name => $"slurm SuspendTime {suspendTime.TotalSeconds:F0} s";

    public bool StartsPowered => false;

    public void Prepare(SimulatedRig rig)
    {
    }

    public void Act(SimulatedRig rig, int demand, WorkAssigner work)
    {
        var now = rig.Time.GetUtcNow() - SimulatedRig.Start;
        var states = rig.Engine.States;
        var up = states.Where(s => s.Phase == SlotPhase.On).ToList();
        var waiting = demand - up.Count(s => work.IsLoaded(s.Slot)) - states.Count(s => s.Phase is SlotPhase.Queued or SlotPhase.Booting);
        foreach (var slot in states.Where(s => s.Phase == SlotPhase.Off).Take(Math.Max(0, waiting)))
        {
            rig.Execute(slot.Slot, SlotAction.On, CommandOrigin.Remote, "slurm");
        }

        foreach (var slot in up)
        {
            if (work.IsLoaded(slot.Slot))
            {
                _idleSince.Remove(slot.Slot);
                continue;
            }

            var since = _idleSince.TryGetValue(slot.Slot, out var at) ? at : _idleSince[slot.Slot] = now;
            if (now - since >= suspendTime)
            {
                rig.Execute(slot.Slot, SlotAction.Off, CommandOrigin.Remote, "slurm");
                _idleSince.Remove(slot.Slot);
            }
        }
    }
}
