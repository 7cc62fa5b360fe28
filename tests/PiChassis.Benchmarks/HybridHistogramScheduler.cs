using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// The hybrid histogram policy of "Serverless in the Wild" (Shahrad et al., USENIX ATC 2020) as a
/// scheduler would drive the chassis, with nodes in place of function instances. Its idle times are
/// the chassis': when demand falls, the nodes it frees go idle; when it rises, the nodes it needs
/// again are the most recently freed, and each of their idle times goes into one
/// <see cref="IdleTimeHistogram"/>. A node that goes idle gets the histogram's windows of that
/// moment: with a pre-warm window it goes off at once and comes back on a boot before the window
/// ends, then stays on for the keep-alive window; without one it stays on for the keep-alive
/// window. When work waits and no idle node is up, it powers on what it needs, as the Slurm peer.
/// Slots stay manual; commands are remote ones from "histogram".
/// </summary>
internal sealed class HybridHistogramScheduler(int rangeMinutes = IdleTimeHistogram.DefaultRangeMinutes) : IReplayScheduler
{
    /// <summary>The histogram ranges the benchmark runs the peer with: its curve of energy against unmet demand, as the paper draws it.</summary>
    public static readonly int[] Ranges = [30, 60, 120, IdleTimeHistogram.DefaultRangeMinutes];

    private const string Source = "histogram";

    /// <summary>
    /// How long before the end of a pre-warm window the node is powered on: a node, unlike a
    /// function's container, takes its boot to load.
    /// </summary>
    private static readonly TimeSpan BootLead = TimeSpan.FromSeconds(BenchmarkSettings.Board.BootDurationS);

    private readonly IdleTimeHistogram _histogram = new(rangeMinutes);

    /// <summary>When the nodes the demand freed went idle, the latest last.</summary>
    private readonly List<DateTimeOffset> _freed = [];

    /// <summary>An idle slot's windows: off until <c>WakeAt</c>, on until <c>SleepAt</c>.</summary>
    private readonly Dictionary<int, (DateTimeOffset WakeAt, DateTimeOffset SleepAt)> _plans = [];

    private int _lastDemand;

    public string Name => $"hybrid histogram {rangeMinutes} min";

    public bool StartsPowered => false;

    public void Prepare(SimulatedRig rig)
    {
    }

    public void Act(SimulatedRig rig, int demand, WorkAssigner work)
    {
        var now = rig.Time.GetUtcNow();
        Observe(demand, now, rig.Engine.States.Length);
        var states = rig.Engine.States;
        var waiting = demand - states.Count(s => s.Phase == SlotPhase.On && work.IsLoaded(s.Slot))
            - states.Count(s => s.Phase is SlotPhase.Queued or SlotPhase.Booting);
        foreach (var slot in states.Where(s => s.Phase == SlotPhase.Off).Take(Math.Max(0, waiting)))
        {
            _plans.Remove(slot.Slot);
            rig.Execute(slot.Slot, SlotAction.On, CommandOrigin.Remote, Source);
        }

        foreach (var slot in states)
        {
            if (work.IsLoaded(slot.Slot))
            {
                _plans.Remove(slot.Slot);
                continue;
            }

            if (!_plans.TryGetValue(slot.Slot, out var plan))
            {
                if (slot.Phase != SlotPhase.On)
                {
                    continue;
                }

                var windows = _histogram.Windows();
                var wake = windows.PreWarm > BootLead ? now + windows.PreWarm - BootLead : now;
                plan = _plans[slot.Slot] = (wake, now + windows.PreWarm + windows.KeepAlive);
            }

            var wanted = now >= plan.WakeAt && now < plan.SleepAt;
            if (!wanted && slot.Phase == SlotPhase.On)
            {
                rig.Execute(slot.Slot, SlotAction.Off, CommandOrigin.Remote, Source);
            }
            else if (wanted && slot.Phase == SlotPhase.Off)
            {
                rig.Execute(slot.Slot, SlotAction.On, CommandOrigin.Remote, Source);
            }

            if (now >= plan.SleepAt && slot.Phase == SlotPhase.Off)
            {
                _plans.Remove(slot.Slot);
            }
        }
    }

    /// <summary>Pairs each rise in demand with the latest falls before it: those are the idle times.</summary>
    private void Observe(int demand, DateTimeOffset now, int slots)
    {
        for (; _lastDemand > demand; _lastDemand--)
        {
            _freed.Add(now);
        }

        for (; _lastDemand < demand; _lastDemand++)
        {
            if (_freed.Count > 0)
            {
                _histogram.Record(now - _freed[^1]);
                _freed.RemoveAt(_freed.Count - 1);
            }
        }

        // Only as many nodes as the chassis has can be idle; the oldest frees are forgotten first.
        if (_freed.Count > slots)
        {
            _freed.RemoveRange(0, _freed.Count - slots);
        }
    }
}
