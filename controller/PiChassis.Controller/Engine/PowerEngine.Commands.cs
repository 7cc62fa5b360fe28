using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    private static readonly TimeSpan IdentifyDuration = TimeSpan.FromSeconds(30);

    /// <summary>Applies one command after arbitration; refusals carry the error codes of docs/mqtt-api.md.</summary>
    public CommandResult Execute(SlotCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Find(command.Slot) is not { } slot)
        {
            return CommandResult.Refused(command.Slot, SlotPhase.Off, ErrorCodes.UnknownTarget, $"no slot {command.Slot}");
        }

        var result = Arbitrate(slot, command) ?? Apply(slot, command);
        if (!result.Ok)
        {
            Reject(slot.Slot, command.Source, new JsonObject
            {
                ["action"] = Wire(command.Action),
                ["code"] = result.ErrorCode,
                ["message"] = result.Message,
            });
        }

        Admit();
        Publish();
        return result with { Phase = slot.Phase };
    }

    /// <summary>Protection &gt; maintenance lock &gt; button &gt; remote &gt; energy policy; what protection holds off stays off.</summary>
    private CommandResult? Arbitrate(SlotRuntime slot, SlotCommand command)
    {
        var changesPower = command.Action is SlotAction.On or SlotAction.Off or SlotAction.ForceOff or SlotAction.Cycle or SlotAction.Restart;
        var wantsOn = command.Action is SlotAction.On or SlotAction.Cycle or SlotAction.Restart;
        if (command.Origin == CommandOrigin.Protection)
        {
            return null;
        }

        if (wantsOn && slot.ShedForHeat)
        {
            return Refuse(slot, ErrorCodes.Held, HeldMessage());
        }

        if (changesPower && slot.Locked)
        {
            return Refuse(slot, ErrorCodes.Locked, "slot is locked for maintenance");
        }

        if (changesPower && slot.PendingOrigin is { } pending && pending < command.Origin)
        {
            return Refuse(slot, ErrorCodes.Locked, $"slot is being switched by {slot.PendingSource}");
        }

        if (command.Origin == CommandOrigin.Policy && (slot.Policy != SlotPolicy.Auto || !changesPower))
        {
            return Refuse(slot, ErrorCodes.Locked, $"policy is {slot.Policy}, not auto");
        }

        if (wantsOn && slot.Fault is { } fault)
        {
            return Refuse(slot, ErrorCodes.FaultLatched, $"fault {fault.Code} is latched: clear it first");
        }

        if (command.Action == SlotAction.On && slot.Policy == SlotPolicy.AlwaysOff && command.Origin != CommandOrigin.Button)
        {
            return Refuse(slot, ErrorCodes.Locked, "policy is always_off");
        }

        if (command.Action is SlotAction.Off or SlotAction.ForceOff && slot.Policy == SlotPolicy.AlwaysOn && command.Origin != CommandOrigin.Button)
        {
            return Refuse(slot, ErrorCodes.Locked, "policy is always_on");
        }

        return null;
    }

    private CommandResult Apply(SlotRuntime slot, SlotCommand command) => command.Action switch
    {
        SlotAction.On => PowerOn(slot, command),
        SlotAction.Off => GracefulOff(slot, command, thenOn: false),
        SlotAction.Restart => slot.Phase is SlotPhase.Off or SlotPhase.Queued
            ? PowerOn(slot, command)
            : GracefulOff(slot, command, thenOn: true),
        SlotAction.ForceOff => ForceOff(slot, command),
        SlotAction.Cycle => Cycle(slot, command),
        SlotAction.ClearFault => ClearFault(slot, command),
        SlotAction.Identify => Identify(slot),
        SlotAction.IdentifyOff => StopIdentify(slot),
        SlotAction.Lock or SlotAction.Unlock => SetLock(slot, command),
        SlotAction.SetPolicy => SetPolicy(slot, command),
        _ => Refuse(slot, ErrorCodes.InvalidRequest, $"unknown action {command.Action}"),
    };

    private CommandResult PowerOn(SlotRuntime slot, SlotCommand command)
    {
        if (slot.Phase is SlotPhase.Booting or SlotPhase.On)
        {
            return CommandResult.Accepted(slot.Slot, slot.Phase);
        }

        if (slot.Phase == SlotPhase.ShuttingDown)
        {
            // A node that was asked to halt cannot be called back: power it on again once it is off.
            slot.PowerOnAfterOff = true;
            return CommandResult.Accepted(slot.Slot, slot.Phase);
        }

        if (ReservationW(slot) > _power.PsuBudgetW - _power.HeadroomW)
        {
            return Refuse(slot, ErrorCodes.BudgetExceeded,
                $"needs {ReservationW(slot):F1} W to boot, the supply gives {_power.PsuBudgetW - _power.HeadroomW:F1} W at most");
        }

        if (IsRateLimited(slot))
        {
            return RefuseRateLimited(slot);
        }

        Enqueue(slot, command.Origin, command.Source);
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private CommandResult GracefulOff(SlotRuntime slot, SlotCommand command, bool thenOn)
    {
        if (slot.Phase == SlotPhase.Fault)
        {
            return Refuse(slot, ErrorCodes.FaultLatched, "slot is in fault; use force_off");
        }

        // A held slot stays held: an off only means it stays off when protection releases it.
        slot.OnWhenReleased = false;
        switch (slot.Phase)
        {
            case SlotPhase.Queued:
                slot.PendingOrigin = null;
                slot.PowerOnAfterOff = false;
                SetPhase(slot, SlotPhase.Off, command.Source);
                return CommandResult.Accepted(slot.Slot, slot.Phase);
            case SlotPhase.Off:
                return CommandResult.Accepted(slot.Slot, slot.Phase);
            case SlotPhase.ShuttingDown:
                slot.PowerOnAfterOff = thenOn;
                return CommandResult.Accepted(slot.Slot, slot.Phase);
        }

        slot.PendingOrigin = command.Origin;
        slot.PendingSource = command.Source;
        slot.PowerOnAfterOff = thenOn;
        slot.HaltRequestedAt = Now;
        slot.BelowHaltSince = null;
        SetPhase(slot, SlotPhase.ShuttingDown, command.Source);
        _agent.RequestHalt(slot.Slot, slot.Node);
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private CommandResult ForceOff(SlotRuntime slot, SlotCommand command)
    {
        slot.OnWhenReleased = false;
        slot.PowerOnAfterOff = false;
        slot.PendingOrigin = null;

        // An open relay is not opened again: no second power_off, and its off-time runs on from when it opened.
        if (slot.Relay.IsClosed && !OpenRelay(slot, command.Source, forced: true))
        {
            return Refuse(slot, ErrorCodes.HardwareError, "the relay could not be switched");
        }

        if (slot.Phase != SlotPhase.Fault)
        {
            SetPhase(slot, SlotPhase.Off, command.Source);
        }

        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private CommandResult Cycle(SlotRuntime slot, SlotCommand command)
    {
        if (IsRateLimited(slot))
        {
            return RefuseRateLimited(slot);
        }

        // As force_off: an open relay is not opened again, and its off-time runs on from when it opened.
        if (slot.Relay.IsClosed && !OpenRelay(slot, command.Source, forced: true))
        {
            return Refuse(slot, ErrorCodes.HardwareError, "the relay could not be switched");
        }

        // The minimum off-time is enforced by admission: the slot waits queued until it has passed.
        Enqueue(slot, command.Origin, command.Source);
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private CommandResult ClearFault(SlotRuntime slot, SlotCommand command)
    {
        if (slot.Fault is not { } fault)
        {
            return CommandResult.Accepted(slot.Slot, slot.Phase);
        }

        if (fault.Code == FaultCodes.Overtemperature && ChassisTemperatureC >= ReleaseBelowC)
        {
            return Refuse(slot, ErrorCodes.FaultLatched, $"chassis still at {ChassisTemperatureC:F1} °C");
        }

        // Cleared on a bus that is still low, the slot would be shed again as soon as it came on.
        if (fault.Code == FaultCodes.Undervoltage && _busVoltageV < _protection.UndervoltageV)
        {
            return Refuse(slot, ErrorCodes.FaultLatched, Invariant($"bus still at {_busVoltageV:F2} V, below {_protection.UndervoltageV:F2} V"));
        }

        if (fault.Code == FaultCodes.SensorFailure && slot.Stale)
        {
            return Refuse(slot, ErrorCodes.FaultLatched, "the sensor still does not answer");
        }

        slot.Fault = null;
        slot.OvercurrentSince = null;
        slot.StuckSince = null;
        slot.EmptySince = null;
        _events.Append(EventTypes.FaultCleared, slot.Slot, command.Source, new JsonObject { ["code"] = fault.Code });
        SetPhase(slot, slot.Relay.IsClosed ? SlotPhase.On : SlotPhase.Off, command.Source);
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private CommandResult Identify(SlotRuntime slot)
    {
        slot.IdentifyUntil = Now + IdentifyDuration;
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private static CommandResult StopIdentify(SlotRuntime slot)
    {
        slot.IdentifyUntil = null;
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private static CommandResult SetLock(SlotRuntime slot, SlotCommand command)
    {
        slot.Locked = command.Action == SlotAction.Lock;
        return CommandResult.Accepted(slot.Slot, slot.Phase);
    }

    private CommandResult SetPolicy(SlotRuntime slot, SlotCommand command)
    {
        if (command.Policy is not { } policy)
        {
            return Refuse(slot, ErrorCodes.InvalidRequest, "no policy given");
        }

        if (policy == SlotPolicy.Auto && slot.Autoscaled)
        {
            // Two masters would fight: the autoscaler powers the slot on, the energy policy off.
            return Refuse(slot, ErrorCodes.Autoscaled, $"slot {slot.Slot} is in an autoscaler node group: the cluster-autoscaler switches it, not the energy policy");
        }

        if (slot.Policy != policy)
        {
            var from = slot.Policy;
            slot.Policy = policy;
            _events.Append(EventTypes.PolicyChanged, slot.Slot, command.Source, new JsonObject
            {
                ["from"] = Wire(from),
                ["to"] = Wire(policy),
            });
        }

        if (slot.ShedForHeat)
        {
            // The policy is kept; for a held slot it decides whether the slot comes back on when released.
            slot.OnWhenReleased = policy switch
            {
                SlotPolicy.AlwaysOn => true,
                SlotPolicy.AlwaysOff => false,
                _ => slot.OnWhenReleased,
            };
            return policy == SlotPolicy.AlwaysOn
                ? Refuse(slot, ErrorCodes.Held, $"{HeldMessage()}; always_on powers it on then")
                : CommandResult.Accepted(slot.Slot, slot.Phase);
        }

        return policy switch
        {
            SlotPolicy.AlwaysOn when slot.Fault is null && slot.Phase is SlotPhase.Off => PowerOn(slot, command),
            SlotPolicy.AlwaysOff when slot.Phase is SlotPhase.On or SlotPhase.Booting or SlotPhase.Queued => GracefulOff(slot, command, thenOn: false),
            _ => CommandResult.Accepted(slot.Slot, slot.Phase),
        };
    }

    private void Enqueue(SlotRuntime slot, CommandOrigin origin, string source)
    {
        slot.PendingOrigin = origin;
        slot.PendingSource = source;
        slot.QueuedAt = Now;
        SetPhase(slot, SlotPhase.Queued, source);
    }


    private static CommandResult Refuse(SlotRuntime slot, string code, string message) =>
        CommandResult.Refused(slot.Slot, slot.Phase, code, message);

    internal static string Wire(SlotPolicy policy) => policy switch
    {
        SlotPolicy.AlwaysOn => "always_on",
        SlotPolicy.AlwaysOff => "always_off",
        _ => policy.ToString().ToLowerInvariant(),
    };

    internal static string Wire(SlotAction action) => action switch
    {
        SlotAction.ForceOff => "force_off",
        SlotAction.ClearFault => "clear_fault",
        SlotAction.IdentifyOff => "identify_off",
        SlotAction.SetPolicy => "policy",
        _ => action.ToString().ToLowerInvariant(),
    };
}
