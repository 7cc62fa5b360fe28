using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>What the store held at start: each slot's kept state and energy counters, and how the last run ended.</summary>
/// <param name="EnergyDay">The local date the today counters belong to; null when no energy was stored.</param>
public sealed record StoredState(
    IReadOnlyList<PersistedSlot> Slots,
    DateOnly? EnergyDay,
    IReadOnlyList<SlotEnergy> Energy,
    PreviousStop PreviousStop);
