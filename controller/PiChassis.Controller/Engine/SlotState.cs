namespace PiChassis.Controller.Engine;

/// <summary>A slot as the outside world sees it (the contract's slot state), published after every change.</summary>
public sealed record SlotState(
    int Slot,
    string Node,
    bool Power,
    SlotPhase Phase,
    SlotPolicy Policy,
    bool Locked,
    SlotFault? Fault,
    DateTimeOffset Since,
    long RelayCycles,
    bool Identifying);
