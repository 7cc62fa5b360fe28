namespace PiChassis.Controller.Engine;

/// <summary>A slot as the outside world sees it (the slot state of docs/mqtt-api.md), published after every change.</summary>
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
    bool Identifying)
{
    /// <summary>Held off by protection (shed for heat): power-ons are refused until protection releases it.</summary>
    public bool Held { get; init; }

    /// <summary>Held, and to be powered on again when released. Part of the state so that a change is saved at once.</summary>
    public bool OnWhenReleased { get; init; }

    /// <summary>A name plug &amp; play learnt for this slot, waiting for an operator; the slot answers to <see cref="Node"/> until then.</summary>
    public string? PendingNode { get; init; }
}
