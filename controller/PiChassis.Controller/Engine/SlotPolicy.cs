namespace PiChassis.Controller.Engine;

/// <summary>Who may switch the slot: only people (manual), also the energy policy (auto), or nobody.</summary>
public enum SlotPolicy
{
    Manual,
    Auto,
    AlwaysOn,
    AlwaysOff,
}
