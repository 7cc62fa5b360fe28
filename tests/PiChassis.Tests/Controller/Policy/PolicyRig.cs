using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Policy;

/// <summary>
/// A <see cref="SimulatedRig"/> with every slot on the auto policy and a <see cref="CapacityPolicy"/>
/// evaluated after each sample, as the policy service does on the engine's loop. Samples every
/// second: the policy decides in seconds and minutes, and long runs stay fast.
/// </summary>
public sealed class PolicyRig : IDisposable
{
    private readonly IDemandHistory? _history;
    private readonly IScheduledCapacityStore? _schedules;

    /// <param name="start">When the rig's clock starts; <see cref="SimulatedRig.Start"/> when null.</param>
    /// <param name="history">What the policy's demand profile learned before; an empty profile when null.</param>
    /// <param name="schedules">Scheduled capacity kept before; in memory only when null.</param>
    public PolicyRig(int slots, Action<PolicyOptions>? options = null, Action<ChassisModelOptions>? model = null, DateTimeOffset? start = null,
        IDemandHistory? history = null, IScheduledCapacityStore? schedules = null)
    {
        Rig = new SimulatedRig(
            slots,
            model: m =>
            {
                m.PsuRatedW = Math.Max(80, slots * 7.5);
                model?.Invoke(m);
            },
            power: p => p.PsuBudgetW = Math.Max(70, (slots * 7.5) - 10),
            start: start);
        Rig.Sampling.Interval = TimeSpan.FromSeconds(1);
        options?.Invoke(Options);
        foreach (var slot in Rig.Engine.States)
        {
            Rig.Execute(slot.Slot, SlotAction.SetPolicy, policy: SlotPolicy.Auto);
        }

        _history = history;
        _schedules = schedules;
        Policy = CreatePolicy();
        Work = new WorkAssigner(Rig, 1.0);
    }

    public SimulatedRig Rig { get; }

    public PolicyOptions Options { get; } = new();

    public CapacityPolicy Policy { get; private set; }

    public WorkAssigner Work { get; }

    /// <summary>Nodes the scheduler keeps busy; <see cref="Work"/> puts them on nodes that are up before each sample.</summary>
    public int Demand { get; set; }

    public void Run(TimeSpan duration)
    {
        var end = Rig.Time.GetUtcNow() + duration;
        while (Rig.Time.GetUtcNow() < end)
        {
            Step();
        }
    }

    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        var end = Rig.Time.GetUtcNow() + limit;
        while (!done())
        {
            if (Rig.Time.GetUtcNow() >= end)
            {
                return false;
            }

            Step();
        }

        return true;
    }

    public int Running => Rig.Engine.States.Count(s => s.Phase is SlotPhase.Queued or SlotPhase.Booting or SlotPhase.On);

    public IEnumerable<int> SlotsIn(SlotPhase phase) => Rig.Engine.States.Where(s => s.Phase == phase).Select(s => s.Slot);

    public void Dispose() => Rig.Dispose();

    /// <summary>A controller restart: a new engine adopts the chassis, a new policy reads its profile back from the history; the target is gone until the scheduler sends it again.</summary>
    public void RestartController()
    {
        Rig.RestartController();
        Policy = CreatePolicy();
    }

    private CapacityPolicy CreatePolicy() => new(
        Rig.Engine, Options, Rig.Events, Rig.Time, NullLogger<CapacityPolicy>.Instance,
        new DemandProfile(Rig.Time, Options.ProfileRetention, Options.ProfileWindow, _history), _schedules);

    private void Step()
    {
        Work.Assign(Demand);
        Policy.Evaluate(Rig.Step());
    }
}
