using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware.Buses;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// The rig's chassis fan, fitted as <c>--simulate</c> fits it: the controller's own registration
/// (<see cref="PanelServices.AddPiChassisPanel"/>) builds the <see cref="FanController"/> on one
/// simulated fan with the default curve, and it hears every sweep through a
/// <see cref="SnapshotHub"/>, as in the host. Meters the fan's draw, which no slot sensor sees.
/// Fanless, it is the simulator's fanless chassis (<c>Cooling:FanInSimulation</c> false).
/// </summary>
internal sealed class ChassisFan : IDisposable
{
    /// <summary>
    /// The fan's draw at full duty: the 2-wire 5 V fan of ≤ 0.3 A that wiring.md fits. Switched on
    /// the low side by PWM, it draws that in proportion to the duty.
    /// </summary>
    public const double FullDutyW = 1.5;

    private readonly SimulatedRig _rig;
    private readonly SnapshotHub _hub = new();
    private readonly ServiceProvider _services;

    public ChassisFan(SimulatedRig rig, bool fitted)
    {
        _rig = rig;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
            [
                new KeyValuePair<string, string?>("Simulation:Enabled", "true"),
                new KeyValuePair<string, string?>("Cooling:FanInSimulation", fitted ? "true" : "false"),
            ])
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_hub)
            .AddSingleton<IDeviceBuses>(rig.Buses)
            .AddSingleton(rig.Chassis)
            .AddPiChassisPanel(configuration)
            .BuildServiceProvider();
        _services.GetRequiredService<FanController>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public double EnergyWh { get; private set; }

    /// <summary>The rig's <see cref="SimulatedRig.Step"/>, with the fan metered over it and then set from the sweep.</summary>
    public ChassisSnapshot Step()
    {
        // The duty set from the last sweep runs the fan until this one.
        EnergyWh += FullDutyW * _rig.Chassis.FanDutyPercent / 100 * _rig.Sampling.Interval.TotalHours;
        var snapshot = _rig.Step();
        _hub.Publish(snapshot);
        return snapshot;
    }

    public void Dispose() => _services.Dispose();
}
