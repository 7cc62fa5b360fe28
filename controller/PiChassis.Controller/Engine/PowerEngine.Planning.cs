namespace PiChassis.Controller.Engine;

// For callers that decide on several slots at once and must refuse all or none (the autoscaler's
// node groups): what a command would meet, and what the supply has left, without changing anything.
public sealed partial class PowerEngine
{
    /// <summary>The refusal <paramref name="command"/> would meet now, before the supply's room is looked at; null when it would be accepted.</summary>
    public CommandResult? Refusal(SlotCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Find(command.Slot) is not { } slot)
        {
            return CommandResult.Refused(command.Slot, SlotPhase.Off, ErrorCodes.UnknownTarget, $"no slot {command.Slot}");
        }

        if (Arbitrate(slot, command) is { } refused)
        {
            return refused;
        }

        return command.Action switch
        {
            SlotAction.On when slot.Phase == SlotPhase.Off && IsRateLimited(slot) => RefuseRateLimited(slot),
            SlotAction.Off when slot.Phase == SlotPhase.Fault => Refuse(slot, ErrorCodes.FaultLatched, "slot is in fault; use force_off"),
            _ => null,
        };
    }

    /// <summary>Watts admission keeps free for <paramref name="slot"/>'s boot: its learned boot peak with a margin, or the configured default.</summary>
    public double BootReservationW(int slot) => Find(slot) is { } found ? ReservationW(found) : _power.DefaultBootPeakW;

    /// <summary>The slot's boot ended at the maximum boot time without a heartbeat, and none has come since.</summary>
    public bool BootTimedOut(int slot) => Find(slot)?.BootTimedOut ?? false;
}
