using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Hardware.Buses;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Controller.Simulation;

/// <summary>
/// Puts the simulated chassis under the controller: the same drivers, emulated chips beneath, and
/// the boards' node agents played over MQTT (so halts and heartbeats take the real path).
/// </summary>
public static class SimulationServices
{
    public const string StateFileName = "simulator.json";

    /// <summary>The simulated hardware's record of every relay output change (see <see cref="RelayWriteLog"/>).</summary>
    public const string RelayWriteLogFileName = "relay-writes.log";

    public static IServiceCollection AddSimulatedChassis(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var chassis = sp.GetRequiredService<IOptions<ChassisOptions>>().Value;
            var simulation = sp.GetRequiredService<IOptions<SimulationOptions>>().Value;
            return new SimulatedChassis(sp.GetRequiredService<TimeProvider>(), new ChassisModelOptions
            {
                SlotCount = chassis.SlotCount,
                DefaultBoard = Board(simulation.Board),
                PsuRatedW = simulation.PsuRatedW,
                AmbientC = simulation.AmbientC,
            });
        });
        services.TryAddSingleton(sp =>
        {
            var chassis = sp.GetRequiredService<IOptions<ChassisOptions>>().Value;
            var simulation = sp.GetRequiredService<IOptions<SimulationOptions>>().Value;
            var dataDir = sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir;
            Directory.CreateDirectory(dataDir);
            var wiring = SimulatedWiringMap.From(chassis);
            var time = sp.GetRequiredService<TimeProvider>();
            var buses = new SimulatedChassisBuses(
                sp.GetRequiredService<SimulatedChassis>(),
                wiring,
                time,
                simulation.Persist ? new SimulatorStateFile(Path.Combine(dataDir, StateFileName)) : null,
                simulation.StartPowered);
            if (simulation.Persist)
            {
                RelayWriteLog.Attach(buses, wiring.Slots, Path.Combine(dataDir, RelayWriteLogFileName), time);
            }

            return buses;
        });
        services.TryAddSingleton<IDeviceBuses>(sp => sp.GetRequiredService<SimulatedChassisBuses>());
        services.TryAddSingleton<SimulatedNodeAgents>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedNodeAgents>());
        return services;
    }

    private static PiProfile Board(string name) => name.ToLowerInvariant() switch
    {
        "pi3b+" => PiProfile.Pi3BPlus,
        "pi5" => PiProfile.Pi5,
        _ => PiProfile.Pi4B,
    };
}
