using PiChassis.Controller.Configuration;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Controller.Simulation;

/// <summary>Builds the simulated chassis's wiring from the controller's configuration, so both agree.</summary>
public static class SimulatedWiringMap
{
    public static SimulatedWiring From(ChassisOptions chassis)
    {
        ArgumentNullException.ThrowIfNull(chassis);
        var unsupported = chassis.Slots.Where(s => !string.Equals(s.Relay.Driver, "mcp23017", StringComparison.OrdinalIgnoreCase)).ToList();
        if (unsupported.Count > 0)
        {
            throw new InvalidOperationException(
                $"The simulator switches slots through MCP23017 relays only; slots {string.Join(", ", unsupported.Select(s => s.Slot))} use '{unsupported[0].Relay.Driver}'.");
        }

        int ProbeAddress(string name, int fallback) =>
            chassis.Probes.FirstOrDefault(p => p.Name == name && p.Address is not null)?.Address?.Value ?? fallback;

        return new SimulatedWiring(
            [.. chassis.Slots.Select(s => new SimulatedSlotWiring(s.Slot, s.SensorAddress!.Value.Value, s.ShuntOhms, s.Relay.Address!.Value.Value, s.Relay.Pin!.Value, s.Relay.ActiveLow))],
            ProbeAddress("inlet", DefaultWiring.InletProbeAddress),
            ProbeAddress("exhaust", DefaultWiring.ExhaustProbeAddress),
            [.. chassis.Slots.Where(s => string.Equals(s.Led.Driver, "mcp23017", StringComparison.OrdinalIgnoreCase)).Select(s => s.Led.Address!.Value.Value).Distinct()]);
    }
}
