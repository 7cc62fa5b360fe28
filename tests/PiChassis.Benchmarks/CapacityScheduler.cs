using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Controller.Storage;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// A scheduler in capacity mode: each minute it asks the controller's policy for as many nodes as
/// that minute needs, plus warm spares; the policy picks and switches the slots (all set to auto).
/// It knows only the present minute, never the rest of the trace. The policy runs as today's
/// reactive one, or learning the rhythm (<see cref="PolicyOptions.Learn"/>) in a demand profile
/// kept in a real store (a temporary directory), written behind each step as the engine loop does,
/// so a controller restart finds in it what the replay taught before (and the day's power-ons).
/// </summary>
internal sealed class CapacityScheduler(BenchmarkSettings settings, bool learn) : IReplayScheduler, IDisposable
{
    private readonly PolicyOptions _options = new()
    {
        Interval = settings.SampleInterval,
        IdleTimeout = settings.IdleTimeout,
        MinOnTime = settings.MinOnTime,
        Hysteresis = settings.Hysteresis,
        SpareDelay = settings.SpareDelay,
        Learn = learn,
    };

    private DirectoryInfo? _storeDirectory;
    private StoreDatabase? _store;
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

        if (learn)
        {
            _storeDirectory = Directory.CreateTempSubdirectory("pichassis-benchmark-");
            _store = StoreDatabase.Open(_storeDirectory.FullName, rig.Time, NullLogger.Instance);
        }

        _policy = CreatePolicy(rig);
    }

    public void Act(SimulatedRig rig, int demand, WorkAssigner work)
    {
        var policy = _policy ?? throw new InvalidOperationException("Prepare first.");
        using var step = _store?.Begin();
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

    /// <summary>
    /// A new policy on the new engine, its profile read back from the store (once everything
    /// handed to it is committed, as a controller that stopped cleanly leaves it). The target is
    /// not stored: the scheduler sends it again, as it does when it sees the controller back.
    /// </summary>
    public void ControllerRestarted(SimulatedRig rig)
    {
        _store?.FlushAsync().GetAwaiter().GetResult();
        _policy = CreatePolicy(rig);
        _lastDemand = null;
    }

    public int? Predicted(DateTimeOffset at) =>
        _policy?.Profile?.Predict(at) is { } forecast && forecast.Confidence >= _policy.ForecastConfidence ? forecast.Nodes : null;

    public void Dispose()
    {
        _store?.Dispose();
        _storeDirectory?.Delete(recursive: true);
    }

    private CapacityPolicy CreatePolicy(SimulatedRig rig)
    {
        var profile = _store is null ? null : new DemandProfile(rig.Time, _options.ProfileRetention, _options.ProfileWindow, new StoredDemand(_store));
        return new CapacityPolicy(rig.Engine, _options, rig.Events, rig.Time, NullLogger<CapacityPolicy>.Instance, profile);
    }
}
