namespace PiChassis.Controller.Engine;

/// <summary>What the engine did with a command: accepted (with the phase it left), or refused with a contract error code.</summary>
public sealed record CommandResult(int Slot, bool Ok, SlotPhase Phase, string? ErrorCode = null, string? Message = null)
{
    public static CommandResult Accepted(int slot, SlotPhase phase) => new(slot, true, phase);

    public static CommandResult Refused(int slot, SlotPhase phase, string code, string message) => new(slot, false, phase, code, message);
}
