using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

// A restart never disturbs the nodes: the constructor adopted what runs (a closed relay is on);
// here the stored state is put back, then reconciled once with what was found.
public sealed partial class PowerEngine
{
    public const string RestoreSource = "restore";
    private const string ControllerSource = "controller";
    private readonly Dictionary<int, PersistedSlot> _stored = [];
    private readonly List<int> _leftToAutoscaler = [];
    private bool _started;

    /// <summary>What every slot should keep across a restart, as of now.</summary>
    public IReadOnlyList<PersistedSlot> Persisted() => [.. _slots.Select(ToPersisted)];

    /// <exception cref="ArgumentOutOfRangeException">No such slot.</exception>
    public PersistedSlot Persisted(int slot) => Find(slot) is { } found
        ? ToPersisted(found)
        : throw new ArgumentOutOfRangeException(nameof(slot), slot, "no such slot");

    /// <summary>
    /// Puts back what a slot kept: policy, lock, latched fault, relay cycles, learned boot peak and
    /// inrush, and when its relay opened.
    /// Call before <see cref="StartUp"/>; a slot the chassis no longer has is ignored.
    /// </summary>
    public void Restore(PersistedSlot saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (_started)
        {
            throw new InvalidOperationException("Stored state is restored before the engine starts up.");
        }

        if (Find(saved.Slot) is not { } slot)
        {
            return;
        }

        // A slot put into a node group since it was saved leaves the energy policy to the autoscaler.
        slot.Policy = saved.Policy;
        if (saved.Policy == SlotPolicy.Auto && slot.Autoscaled)
        {
            slot.Policy = SlotPolicy.Manual;
            _leftToAutoscaler.Add(slot.Slot);
        }

        slot.Locked = saved.Locked;
        slot.RelayCycles = saved.RelayCycles;
        slot.LearnedBootPeakW = saved.LearnedBootPeakW;
        slot.LearnedInrush = saved.LearnedInrush;
        RestoreOffTime(slot, saved.RelayOpenedAt);
        slot.ShedForHeat = saved.ShedForHeat && !slot.Relay.IsClosed;
        slot.OnWhenReleased = slot.ShedForHeat && saved.DesiredOn;
        if (saved.Fault is { } fault)
        {
            slot.Fault = fault;
            slot.Phase = SlotPhase.Fault;
            slot.Since = fault.At;
        }

        _stored[slot.Slot] = saved;
    }

    /// <summary>
    /// Reconciles the adopted hardware with the restored state and raises one
    /// <c>controller_started</c> event listing what was adopted, restored, held off by protection
    /// and found otherwise than stored. When every slot is unpowered (the chassis power came back)
    /// each slot's <see cref="RestorePolicy"/> applies; otherwise a slot stored on but found off is
    /// powered again (unless its restore policy is off) and a halt that was under way is finished.
    /// What runs keeps running. Power-ons go through the admission queue, staggered; a held slot's
    /// is refused like anyone else's.
    /// </summary>
    /// <param name="store">What the caller knows of the store, added to the event's detail.</param>
    public ChassisEvent StartUp(JsonObject? store = null)
    {
        if (_started)
        {
            throw new InvalidOperationException("The engine has started up already.");
        }

        _started = true;
        var powerLoss = _slots.Length > 0 && _slots.All(s => !s.Relay.IsClosed);
        var plan = new List<SlotCommand>();
        JsonArray adopted = [], restored = [], restoring = [], held = [], disagreements = [];
        foreach (var slot in _slots)
        {
            var found = slot.Relay.IsClosed;
            var saved = _stored.GetValueOrDefault(slot.Slot);
            var action = powerLoss ? AfterPowerLoss(slot, saved) : Reconcile(slot, saved, found);
            if (found)
            {
                adopted.Add((JsonNode)JsonValue.Create(slot.Slot));

                // Until the first sweep measures it, a running slot counts at its boot-peak
                // reservation, so admission at start cannot overcommit the supply.
                slot.PowerW = ReservationW(slot);
            }

            if (saved is not null)
            {
                restored.Add((JsonNode)JsonValue.Create(slot.Slot));
            }

            if (slot.ShedForHeat)
            {
                held.Add((JsonNode)JsonValue.Create(slot.Slot));
            }

            if (action is { } act)
            {
                plan.Add(new SlotCommand(slot.Slot, act, CommandOrigin.Controller, RestoreSource));
                if (act == SlotAction.On)
                {
                    restoring.Add((JsonNode)JsonValue.Create(slot.Slot));
                }
            }

            // A held slot was stored off; its desired power is what it does when released.
            if (saved is not null && saved.DesiredOn != found && !slot.ShedForHeat)
            {
                disagreements.Add((JsonNode)new JsonObject
                {
                    ["slot"] = slot.Slot,
                    ["stored"] = saved.DesiredOn ? "on" : "off",
                    ["found"] = found ? "on" : "off",
                    ["action"] = action is { } a ? Wire(a) : "none",
                });
            }
        }

        var detail = new JsonObject
        {
            ["adopted"] = adopted,
            ["restored"] = restored,
            ["power_loss"] = powerLoss,
            ["restoring"] = restoring,
            ["held"] = held,
            ["disagreements"] = disagreements,
        };
        if (store is not null)
        {
            detail["store"] = store;
        }

        var started = _events.Append(EventTypes.ControllerStarted, null, ControllerSource, detail);
        foreach (var slot in _leftToAutoscaler)
        {
            // The journal says why a slot stored `auto` came back `manual`: no one set it.
            _events.Append(EventTypes.PolicyChanged, slot, RestoreSource, new JsonObject
            {
                ["from"] = Wire(SlotPolicy.Auto),
                ["to"] = Wire(SlotPolicy.Manual),
                ["reason"] = ErrorCodes.Autoscaled,
            });
        }

        foreach (var command in plan)
        {
            Execute(command);
        }

        Publish();
        return started;
    }

    /// <summary>A relay that opened shortly before the restart keeps its minimum off-time: its off time is put back on this run's clock.</summary>
    private void RestoreOffTime(SlotRuntime slot, DateTimeOffset? openedAt)
    {
        if (openedAt is not { } opened || slot.Relay.IsClosed)
        {
            return;
        }

        slot.RelayOpenedAt = opened;
        slot.OffAt = OnThisRunsClock(opened, _time.GetUtcNow());
    }

    /// <summary>A wall-clock time kept from before this run, on the engine's monotonic clock; one ahead of now (a clock set back since) counts as now.</summary>
    private TimeSpan OnThisRunsClock(DateTimeOffset at, DateTimeOffset utcNow) => at < utcNow ? Now - (utcNow - at) : Now;

    private static SlotAction? AfterPowerLoss(SlotRuntime slot, PersistedSlot? saved) => slot.RestorePolicy switch
    {
        RestorePolicy.On => SlotAction.On,
        RestorePolicy.Off => null,
        _ => saved is { DesiredOn: true } ? SlotAction.On : null,
    };

    private static SlotAction? Reconcile(SlotRuntime slot, PersistedSlot? saved, bool found) => saved switch
    {
        null => null,
        { DesiredOn: true } when !found && slot.RestorePolicy != RestorePolicy.Off => SlotAction.On,
        { Phase: SlotPhase.ShuttingDown } when found => saved.DesiredOn ? SlotAction.Restart : SlotAction.Off,
        _ => null,
    };

    private static PersistedSlot ToPersisted(SlotRuntime slot) => new(
        slot.Slot,
        slot.Node,
        slot.Phase,
        slot.Phase switch
        {
            SlotPhase.Queued or SlotPhase.Booting or SlotPhase.On => true,
            SlotPhase.ShuttingDown => slot.PowerOnAfterOff,
            SlotPhase.Fault => slot.Relay.IsClosed,
            _ => slot.OnWhenReleased,
        },
        slot.Policy,
        slot.Locked,
        slot.Fault,
        slot.RelayCycles,
        slot.LearnedBootPeakW,
        slot.ShedForHeat,
        slot.LearnedInrush,
        slot.RelayOpenedAt);
}
