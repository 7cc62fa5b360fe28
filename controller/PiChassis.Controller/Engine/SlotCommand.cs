namespace PiChassis.Controller.Engine;

/// <summary>
/// One operation on one slot. <paramref name="Source"/> is recorded in the journal as given
/// (e.g. <c>slurm</c>, <c>dashboard</c>, <c>cli</c>, <c>button</c>).
/// </summary>
public sealed record SlotCommand(int Slot, SlotAction Action, CommandOrigin Origin, string Source, SlotPolicy? Policy = null);
