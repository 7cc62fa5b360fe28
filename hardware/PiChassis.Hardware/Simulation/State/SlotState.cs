using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Hardware.Simulation.State;

/// <summary>One simulated slot as saved. Times are wall-clock instants so a restart can tell how far the board got.</summary>
/// <param name="Slot">Slot number, from 1.</param>
/// <param name="RelayInputClosed">What the relay coil was told (the contact also depends on <paramref name="RelayFault"/>).</param>
/// <param name="ShortCurrentA">An injected short's current, or null.</param>
/// <param name="Board">The board in the slot, or null when empty.</param>
/// <param name="PoweredSince">When power reached the board; null when unpowered.</param>
/// <param name="HaltRequestedAt">When the board was asked to halt; null unless halting or halted.</param>
/// <param name="HaltStartW">The draw when the halt was requested.</param>
/// <param name="LoadFraction">The running board's load 0..1.</param>
/// <param name="EnergyWh">Ground truth energy delivered to the slot.</param>
public sealed record SlotState(
    int Slot,
    bool RelayInputClosed,
    RelayFault RelayFault,
    double? ShortCurrentA,
    PiProfile? Board,
    DateTimeOffset? PoweredSince,
    DateTimeOffset? HaltRequestedAt,
    double HaltStartW,
    double LoadFraction,
    double EnergyWh);
