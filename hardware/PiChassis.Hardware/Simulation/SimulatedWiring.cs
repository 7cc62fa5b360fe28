namespace PiChassis.Hardware.Simulation;

/// <summary>How the simulated chassis is wired: which chip measures and switches which slot.</summary>
/// <param name="Slots">One entry per slot, slot 1 first.</param>
/// <param name="LedExpanderAddresses">Expanders that carry only LEDs (they switch nothing physical).</param>
public sealed record SimulatedWiring(
    IReadOnlyList<SimulatedSlotWiring> Slots,
    int InletProbeAddress,
    int ExhaustProbeAddress,
    IReadOnlyList<int> LedExpanderAddresses);

/// <summary>A slot's INA219 and the MCP23017 output that drives its relay.</summary>
public sealed record SimulatedSlotWiring(int Slot, int SensorAddress, double ShuntOhms, int RelayExpanderAddress, int RelayPin, bool RelayActiveLow);
