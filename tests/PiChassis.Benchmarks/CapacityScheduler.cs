using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// A scheduler in capacity mode: each minute it asks the controller's policy for as many nodes as
/// that minute needs, plus warm spares; the policy picks and switches the slots (all set to auto).
/// It knows only the present minute, never the rest of the trace. The policy runs as today's
/// reactive one, or learning the rhythm (<see cref="PolicyOptions.Learn"/>) in a demand profile
/// that lives as long as the replay, as a controller's store would keep it.
/// </summary>
internal sealed class CapacityScheduler(BenchmarkSettings settings, bool learn) : IReplayScheduler
{
    private CapacityPolicy? _policy;
    private int? _lastDemand;

    public string Name => $"{(learn ? "learning policy" : "policy")} (spare {settings.MinSpare})";

    public bool StartsPowered => false;

    public void Prepare(SimulatedRig rig)
    {
        foreach (var slot in rig.Engine.States)
        {
            rig.Execute(slot.Slot, SlotAction.SetPolicy, CommandOrigin.Remote, "benchmark", SlotPolicy.Auto);
        }

        var options = new PolicyOptions
        {
            Interval = settings.SampleInterval,
            IdleTimeout = settings.IdleTimeout,
            MinOnTime = settings.MinOnTime,
            Hysteresis = settings.Hysteresis,
            SpareDelay = settings.SpareDelay,
            Learn = learn,
        };
        _policy = new CapacityPolicy(rig.Engine, options, rig.Events, rig.Time, NullLogger<CapacityPolicy>.Instance);
    }

    public void Act(SimulatedRig rig, int demand, WorkAssigner work)
    {
        var policy = _policy ?? throw new InvalidOperationException("Prepare first.");
        if (demand != _lastDemand)
        {
            policy.SetTarget(demand, settings.MinSpare, "scheduler");
            _lastDemand = demand;
        }

        if (rig.Last is { } snapshot)
        {
            policy.Evaluate(snapshot);
        }
    }
}
