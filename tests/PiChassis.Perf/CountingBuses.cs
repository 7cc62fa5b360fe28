using System.Device.Gpio;
using System.Device.I2c;
using PiChassis.Hardware.Buses;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Perf;

/// <summary>
/// The simulated chassis's buses, with the sensor chips (INA219 per slot, the two MCP9808 probes)
/// emulated here so that their traffic counters can be read; the relay expanders are the chassis's
/// own, whose counters <see cref="SimulatedChassisBuses.Expanders"/> exposes. The same physics
/// (slot rails, temperatures) stands behind both.
/// </summary>
public sealed class CountingBuses : IDeviceBuses
{
    private readonly SimulatedChassisBuses _inner;
    private readonly Dictionary<int, I2cDevice> _chips = [];

    public CountingBuses(SimulatedChassisBuses inner, SimulatedWiring wiring, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(wiring);
        _inner = inner;
        foreach (var slot in wiring.Slots)
        {
            var chip = new EmulatedIna219(slot.SensorAddress, inner.Chassis.Slot(slot.Slot), slot.ShuntOhms, time);
            Sensors.Add(chip);
            _chips[slot.SensorAddress] = chip;
        }

        Probes.Add(new EmulatedMcp9808(wiring.InletProbeAddress, inner.Chassis.Inlet));
        Probes.Add(new EmulatedMcp9808(wiring.ExhaustProbeAddress, inner.Chassis.Exhaust));
        foreach (var probe in Probes)
        {
            _chips[probe.ConnectionSettings.DeviceAddress] = probe;
        }
    }

    public SimulatedChassis Chassis => _inner.Chassis;

    public List<EmulatedIna219> Sensors { get; } = [];

    public List<EmulatedMcp9808> Probes { get; } = [];

    public GpioController Gpio => _inner.Gpio;

    public I2cTraffic SensorTraffic => new(Sensors.Sum(s => s.Transactions), Sensors.Sum(s => s.BytesTransferred));

    public I2cTraffic ProbeTraffic => new(Probes.Sum(p => p.Transactions), Probes.Sum(p => p.BytesTransferred));

    public I2cTraffic ExpanderTraffic => new(_inner.Expanders.Values.Sum(e => e.Transactions), _inner.Expanders.Values.Sum(e => e.BytesTransferred));

    public I2cTraffic Total => SensorTraffic + ProbeTraffic + ExpanderTraffic;

    /// <summary>Our chips are handed out as themselves: the drivers' Dispose at the end is harmless here.</summary>
    public I2cDevice OpenI2c(int address) => _chips.TryGetValue(address, out var chip) ? chip : _inner.OpenI2c(address);

    public void Dispose() => _inner.Dispose();
}
