using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware;

namespace PiChassis.Controller.Engine;

/// <summary>
/// The one owner of every slot's state. It handles each sampling tick (protection, phases,
/// admission, energy) and each command, one at a time, on the caller's thread: it has no locks
/// and no timers, so tests drive it with a fake clock and every decision is reproducible.
/// <see cref="PowerEngineLoop"/> serialises the real callers onto one loop.
/// </summary>
public sealed partial class PowerEngine
{
    private readonly SlotRuntime[] _slots;
    private readonly PowerOptions _power;
    private readonly ProtectionOptions _protection;
    private readonly WatchdogOptions _watchdog;
    private readonly INodeAgent _agent;
    private readonly ChassisEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _start;
    private readonly IPowerOnHistory? _powerOnHistory;

    // Refused commands, journalled as one event per slot and reason per interval.
    private readonly RejectionDigest _rejections;
    private TimeSpan? _lastPowerOn;
    private SlotRuntime? _lastPoweredSlot;
    private ImmutableArray<SlotState> _states;

    public PowerEngine(
        IEnumerable<EngineSlot> slots,
        PowerOptions power,
        ProtectionOptions protection,
        WatchdogOptions watchdog,
        INodeAgent agent,
        ChassisEvents events,
        TimeProvider time,
        ILogger<PowerEngine> logger,
        IPowerOnHistory? powerOns = null)
    {
        ArgumentNullException.ThrowIfNull(slots);
        _slots = slots.OrderBy(s => s.Slot).Select(s => new SlotRuntime(s.Slot, s.Node, s.Priority, s.Relay) { RestorePolicy = s.RestorePolicy, Autoscaled = s.Autoscaled }).ToArray();
        _power = power;
        _protection = protection;
        _watchdog = watchdog;
        _agent = agent;
        _events = events;
        _time = time;
        _logger = logger;
        _start = time.GetTimestamp();
        Energy = new EnergyMeter(_slots.Select(s => s.Slot), time);
        _rejections = new RejectionDigest(time);
        var now = time.GetUtcNow();
        foreach (var slot in _slots)
        {
            // What runs is adopted as running: a controller restart never disturbs a node.
            slot.Phase = slot.Relay.IsClosed ? SlotPhase.On : SlotPhase.Off;
            slot.Since = now;
            if (slot.Phase == SlotPhase.On)
            {
                slot.PoweredAt = TimeSpan.Zero;
                slot.OnSince = TimeSpan.Zero;
            }
        }

        _powerOnHistory = powerOns;
        RestorePowerOns(powerOns?.Load() ?? [], now);

        _states = [.. _slots.Select(s => s.ToState(Now))];
    }

    /// <summary>Raised after anything in a slot's published state changed.</summary>
    public event EventHandler<SlotState>? StateChanged;

    public ImmutableArray<SlotState> States => _states;

    public EnergyMeter Energy { get; }

    /// <summary>Watts the supply can still give: budget minus headroom minus what is committed.</summary>
    public double HeadroomW => _power.PsuBudgetW - _power.HeadroomW - CommittedW();

    /// <summary>The hottest fresh probe, null when none is fresh.</summary>
    public double? ChassisTemperatureC { get; private set; }

    private TimeSpan Now => _time.GetElapsedTime(_start);

    public void OnSnapshot(ChassisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var sample in snapshot.Slots)
        {
            if (Find(sample.Slot) is not { } slot)
            {
                continue;
            }

            slot.CurrentA = sample.CurrentA;
            slot.PowerW = sample.RelayClosed ? Math.Max(0, sample.PowerW) : 0;
            slot.SampledClosed = sample.RelayClosed;
            slot.Stale = sample.Stale;
            slot.FailedReads = sample.FailedReads;
            slot.Overflow = sample.Overflow;
        }

        ChassisTemperatureC = snapshot.Probes.Where(p => !p.Stale && p.TemperatureC is not null)
            .Select(p => p.TemperatureC).Max();
        Energy.Add(snapshot);
        Protect(snapshot);
        AdvancePhases();
        Watch();
        Admit();
        JournalRepeatedRejections();
        Publish();
    }

    /// <summary>The node's agent sent a heartbeat: it is up. A pending name's beat counts for its slot.</summary>
    public void OnHeartbeat(string node)
    {
        foreach (var slot in _slots.Where(s => string.Equals(s.Node, node, StringComparison.Ordinal) || string.Equals(s.PendingNode, node, StringComparison.Ordinal)))
        {
            slot.LastHeartbeat = Now;
            slot.BootTimedOut = false;
            if (slot.Phase == SlotPhase.Booting)
            {
                FinishBoot(slot, "heartbeat");
            }
        }

        Publish();
    }

    private SlotRuntime? Find(int slot) => slot >= 1 && slot <= _slots.Length && _slots[slot - 1].Slot == slot
        ? _slots[slot - 1]
        : _slots.FirstOrDefault(s => s.Slot == slot);

    private void SetPhase(SlotRuntime slot, SlotPhase phase, string source)
    {
        if (slot.Phase == phase)
        {
            return;
        }

        var from = slot.Phase;
        slot.Phase = phase;
        slot.Since = _time.GetUtcNow();
        _events.Append(EventTypes.PhaseChanged, slot.Slot, source, new JsonObject
        {
            ["from"] = Wire(from),
            ["to"] = Wire(phase),
        });
    }

    /// <summary>Closes the relay (a power-on): counts the cycle and starts the boot watch.</summary>
    private bool CloseRelay(SlotRuntime slot, string source)
    {
        if (!TryWriteRelay(slot, true))
        {
            return false;
        }

        var now = Now;
        slot.RelayCycles++;
        CountPowerOn(slot, now);
        slot.PoweredAt = now;
        slot.BootPeakW = 0;
        slot.SettleStart = null;
        slot.LastHeartbeat = null;
        slot.BootTimedOut = false;
        slot.EmptySince = null;

        // A new power-on is a new inrush: a reading over the limit before the relay last opened does not
        // carry on into it (an off and on between two sweeps would glue two inrushes into one dwell).
        slot.OvercurrentSince = null;
        slot.WatchingInrush = true;
        _lastPowerOn = now;
        _lastPoweredSlot = slot;
        _events.Append(EventTypes.PowerOn, slot.Slot, source, new JsonObject { ["relay_cycles"] = slot.RelayCycles });
        return true;
    }

    private bool OpenRelay(SlotRuntime slot, string source, bool forced, string? reason = null)
    {
        if (!TryWriteRelay(slot, false))
        {
            return false;
        }

        slot.OffAt = Now;
        slot.RelayOpenedAt = _time.GetUtcNow();
        slot.PoweredAt = null;
        slot.OnSince = null;
        slot.BelowHaltSince = null;
        slot.StuckSince = null;
        var detail = new JsonObject { ["forced"] = forced };
        if (reason is not null)
        {
            detail["reason"] = reason;
        }

        _events.Append(EventTypes.PowerOff, slot.Slot, source, detail);
        return true;
    }

    private bool TryWriteRelay(SlotRuntime slot, bool closed)
    {
        if (slot.Relay.IsClosed == closed)
        {
            return true;
        }

        try
        {
            slot.Relay.Set(closed);
            return true;
        }
        catch (HardwareException e)
        {
            LogRelayFailed(slot.Slot, closed, e.Message);
            return false;
        }
    }

    private void Publish()
    {
        var now = Now;
        var builder = ImmutableArray.CreateBuilder<SlotState>(_slots.Length);
        var changed = new List<SlotState>();
        for (var i = 0; i < _slots.Length; i++)
        {
            var state = _slots[i].ToState(now);
            builder.Add(state);
            if (state != _states[i])
            {
                changed.Add(state);
            }
        }

        _states = builder.MoveToImmutable();
        foreach (var state in changed)
        {
            StateChanged?.Invoke(this, state);
        }
    }

    public static string Wire(SlotPhase phase) => phase switch
    {
        SlotPhase.ShuttingDown => "shutting_down",
        _ => phase.ToString().ToLowerInvariant(),
    };
}
