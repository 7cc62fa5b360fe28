using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Policy;

/// <summary>
/// The energy policy's capacity mode: the scheduler says how many nodes it wants running (and how
/// many idle spares), the policy switches <see cref="SlotPolicy.Auto"/> slots on and off to get
/// there. Like the engine it is synchronous and owns its state without locks: every call must come
/// from the engine's loop (<see cref="CapacityPolicyService"/> does that), and it switches slots
/// only through <see cref="PowerEngine.Execute"/> with <see cref="CommandOrigin.Policy"/>, so
/// arbitration puts it after every person and every protection.
/// </summary>
public sealed partial class CapacityPolicy
{
    public const string Source = "policy";

    private readonly PowerEngine _engine;
    private readonly PolicyOptions _options;
    private readonly ChassisEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _start;
    private readonly Dictionary<int, SlotTracker> _trackers;
    private readonly Dictionary<int, DateTimeOffset> _leases = [];
    private readonly RecentExtreme _recentWanted;
    private readonly RecentExtreme _steadyBusy;
    private readonly DemandProfile? _profile;

    /// <param name="profile">The learned demand profile (kept in the store); a new, empty one in memory when null. Unused unless <see cref="PolicyOptions.Learn"/>.</param>
    /// <param name="schedules">Where scheduled capacity is kept; in memory only when null.</param>
    public CapacityPolicy(PowerEngine engine, PolicyOptions options, ChassisEvents events, TimeProvider time, ILogger<CapacityPolicy> logger,
        DemandProfile? profile = null, IScheduledCapacityStore? schedules = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _options = options;
        _events = events;
        _time = time;
        _logger = logger;
        _start = time.GetTimestamp();
        _trackers = engine.States.ToDictionary(s => s.Slot, s => new SlotTracker(s.Slot));
        _recentWanted = RecentExtreme.Maximum(options.Hysteresis);
        _steadyBusy = RecentExtreme.Minimum(options.SpareDelay);
        _profile = options.Learn ? profile ?? new DemandProfile(time, options.ProfileRetention, options.ProfileWindow) : null;
        _scheduleStore = schedules;
        _schedules.AddRange(schedules?.Load().OrderBy(s => s.At).Take(MaxSchedules) ?? []);
    }

    /// <summary>The scheduler's latest target; null until one is set (the policy then switches nothing).</summary>
    public CapacityTarget? Target { get; private set; }

    /// <summary>Slots the policy must not switch off before the given time.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> Leases => _leases;

    private TimeSpan Now => _time.GetElapsedTime(_start);

    /// <summary>Sets the target and acts on it at once; a target above what the chassis can run is reported in the result.</summary>
    public CapacityResult SetTarget(int nodes, int? minSpare, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var spare = minSpare ?? _options.DefaultMinSpare;
        if (nodes < 0 || spare < 0)
        {
            return Status() with { Ok = false, ErrorCode = ErrorCodes.InvalidRequest, Message = $"nodes {nodes} and min_spare {spare} must not be negative" };
        }

        if (Target is not { } old || old.Nodes != nodes || old.MinSpare != spare)
        {
            Target = new CapacityTarget(nodes, spare, source, _time.GetUtcNow());
            var achievable = Achievable(_engine.States);
            _events.Append(EventTypes.CapacityChanged, null, source, new JsonObject
            {
                ["nodes"] = nodes,
                ["min_spare"] = spare,
                ["achievable"] = achievable,
            });
            LogTargetChanged(nodes, spare, source, achievable);
        }

        Act();
        var result = Status();
        if (result.Capped)
        {
            LogCapped(result.Wanted, result.Achievable);
        }

        return result;
    }

    /// <summary>Keeps <paramref name="slot"/> from being switched off by the policy until <paramref name="until"/>.</summary>
    public CommandResult SetLease(int slot, DateTimeOffset until, string source)
    {
        if (_engine.States.FirstOrDefault(s => s.Slot == slot) is not { } state)
        {
            return CommandResult.Refused(slot, SlotPhase.Off, ErrorCodes.UnknownTarget, $"no slot {slot}");
        }

        if (until <= _time.GetUtcNow())
        {
            return CommandResult.Refused(slot, state.Phase, ErrorCodes.InvalidRequest, $"the lease ends in the past ({until:O})");
        }

        _leases[slot] = until;
        LogLease(slot, until, source);
        return CommandResult.Accepted(slot, state.Phase);
    }

    /// <summary>
    /// <paramref name="slots"/> in the order the policy itself would power them on (coolest, then least
    /// worn): for the autoscaler, so its node groups spread heat and wear as the policy does.
    /// </summary>
    public IEnumerable<SlotState> RankForPowerOn(IEnumerable<SlotState> slots) =>
        SlotRanking.ForPowerOn(slots, _trackers, _options, _engine.PowerOnsToday);

    /// <summary>The live target, what it and the scheduled entries ask for now, what the chassis can run, what runs and what protection holds off.</summary>
    public CapacityResult Status()
    {
        var states = _engine.States;
        var achievable = Achievable(states);
        var running = states.Count(IsRunning);
        List<int> held = [.. states.Where(s => s.Held).Select(s => s.Slot)];
        if (Effective() is not { } target)
        {
            return new CapacityResult(true, 0, 0, 0, achievable, running, Message: "no capacity target set") { Held = held };
        }

        var wanted = Wanted(target, _steadyBusy.Get(Now) ?? Busy);
        var message = wanted > achievable
            ? $"{wanted} nodes wanted, {achievable} can run: {wanted - achievable} short" + (held.Count > 0 ? $", {held.Count} held off by protection" : "")
            : null;

        // Nodes and spares as the live target set them; what is wanted includes the scheduled entries acting now.
        return new CapacityResult(true, Target?.Nodes ?? 0, Target?.MinSpare ?? _options.DefaultMinSpare, wanted, achievable, running, Message: message) { Held = held };
    }

    /// <summary>Learns from a new snapshot (heat, busy, idle times), then switches slots towards the target.</summary>
    public void Evaluate(ChassisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = Now;
        foreach (var state in _engine.States)
        {
            if (snapshot.Slots.FirstOrDefault(s => s.Slot == state.Slot) is { } sample)
            {
                _trackers[state.Slot].Update(state, sample, now, _options);
            }
        }

        Act();
    }

    /// <summary>On, queued or booting: a node the scheduler has or is about to have.</summary>
    private static bool IsRunning(SlotState slot) => slot.Phase is SlotPhase.Queued or SlotPhase.Booting or SlotPhase.On;

    /// <summary>Slots the policy may switch; one held off by protection comes back only when protection releases it.</summary>
    private static bool IsPooled(SlotState slot) => slot.Policy == SlotPolicy.Auto && !slot.Locked && slot.Fault is null && !slot.Held;

    private static int Achievable(IEnumerable<SlotState> states) => states.Count(s => IsRunning(s) || IsPooled(s));

    private int Busy => _trackers.Values.Count(t => t.Busy);

    /// <summary>The target, or the spares on top of the nodes that have stayed busy (see <see cref="PolicyOptions.SpareDelay"/>).</summary>
    private static int Wanted(CapacityTarget target, int steadyBusy) => Math.Max(target.Nodes, steadyBusy + target.MinSpare);
}
