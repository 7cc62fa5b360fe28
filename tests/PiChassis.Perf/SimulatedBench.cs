using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Simulation;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Perf;

/// <summary>
/// A running simulated chassis (every board up, relays closed) with the controller's drivers opened
/// on counting buses, on a fake clock that the benchmarks advance one sample interval per sweep.
/// </summary>
public sealed class SimulatedBench : IDisposable
{
    public SimulatedBench(int slots)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var chassis = new SimulatedChassis(Time, new ChassisModelOptions { SlotCount = slots, PsuRatedW = 120 });
        Options = new ChassisOptions { SlotCount = slots };
        DefaultWiring.ApplyTo(Options);
        var wiring = SimulatedWiringMap.From(Options);
        Buses = new CountingBuses(new SimulatedChassisBuses(chassis, wiring, Time, stateFile: null, startPowered: true), wiring, Time);
        Devices = ChassisDevicesFactory.Open(Options, Buses, Time);
    }

    public FakeTimeProvider Time { get; }

    public ChassisOptions Options { get; }

    public CountingBuses Buses { get; }

    public ChassisDevices Devices { get; }

    public void Dispose()
    {
        Devices.Dispose();
        Buses.Dispose();
    }
}
