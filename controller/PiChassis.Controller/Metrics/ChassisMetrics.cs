using System.Globalization;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using Prometheus;

namespace PiChassis.Controller.Metrics;

/// <summary>
/// The chassis as Prometheus series, in its own registry: per slot volts, amps, watts, energy, phase,
/// latched fault and relay cycles; for the chassis power, headroom, temperatures and energy.
/// Updated from the latest snapshot and an engine readout just before each scrape.
/// </summary>
public sealed class ChassisMetrics
{
    private static readonly string[] SlotLabels = ["slot", "node"];
    private static readonly SlotPhase[] Phases = Enum.GetValues<SlotPhase>();
    private readonly Gauge _volts;
    private readonly Gauge _amps;
    private readonly Gauge _watts;
    private readonly Gauge _stale;
    private readonly Counter _energy;
    private readonly Gauge _energyToday;
    private readonly Gauge _phase;
    private readonly Gauge _power;
    private readonly Gauge _fault;
    private readonly Counter _relayCycles;
    private readonly Gauge _chassisWatts;
    private readonly Gauge _busVolts;
    private readonly Gauge _headroom;
    private readonly Gauge _chassisTemperature;
    private readonly Gauge _probeTemperature;
    private readonly Counter _chassisEnergy;
    private readonly Counter _sweeps;
    private readonly Dictionary<int, string> _faultCodes = [];

    public ChassisMetrics(string chassisId)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string> { ["chassis"] = chassisId });
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _volts = f.CreateGauge("pichassis_slot_volts", "Slot feed voltage at its INA219 (bus voltage).", SlotLabels);
        _amps = f.CreateGauge("pichassis_slot_amps", "Slot current.", SlotLabels);
        _watts = f.CreateGauge("pichassis_slot_watts", "Slot power.", SlotLabels);
        _stale = f.CreateGauge("pichassis_slot_sensor_stale", "1 while the slot's sensor fails and its last good values stand.", SlotLabels);
        _energy = f.CreateCounter("pichassis_slot_energy_wh_total", "Slot energy since the counters began, watt-hours.", SlotLabels);
        _energyToday = f.CreateGauge("pichassis_slot_energy_today_wh", "Slot energy today (controller's local date), watt-hours.", SlotLabels);
        _phase = f.CreateGauge("pichassis_slot_phase", "1 for the slot's current phase, 0 for the others.", [.. SlotLabels, "phase"]);
        _power = f.CreateGauge("pichassis_slot_power", "1 while the slot's relay is closed.", SlotLabels);
        _fault = f.CreateGauge("pichassis_slot_fault", "1 while a fault with this code is latched on the slot.", [.. SlotLabels, "code"]);
        _relayCycles = f.CreateCounter("pichassis_slot_relay_cycles_total", "Power-ons of the slot's relay.", SlotLabels);
        _chassisWatts = f.CreateGauge("pichassis_chassis_watts", "Power of all slots together.");
        _busVolts = f.CreateGauge("pichassis_chassis_bus_volts", "The shared 5 V rail, from the latest full sensor read.");
        _headroom = f.CreateGauge("pichassis_chassis_headroom_watts", "Watts the supply can still give: budget minus headroom minus committed.");
        _chassisTemperature = f.CreateGauge("pichassis_chassis_temperature_celsius", "The hottest fresh probe.");
        _probeTemperature = f.CreateGauge("pichassis_probe_temperature_celsius", "Each temperature probe (last good value).", "probe");
        _chassisEnergy = f.CreateCounter("pichassis_chassis_energy_wh_total", "Energy of all slots since the counters began, watt-hours.");
        _sweeps = f.CreateCounter("pichassis_sampling_sweeps_total", "Sampling sweeps of the I2C bus since start.");
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Sets every series from one snapshot and one engine readout. Called by one scrape at a time.</summary>
    public void Update(ChassisSnapshot? snapshot, EngineReadout engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var state in engine.States)
        {
            string[] labels = [state.Slot.ToString(CultureInfo.InvariantCulture), state.Node];
            foreach (var phase in Phases)
            {
                _phase.WithLabels([.. labels, PowerEngine.Wire(phase)]).Set(state.Phase == phase ? 1 : 0);
            }

            _power.WithLabels(labels).Set(state.Power ? 1 : 0);
            _relayCycles.WithLabels(labels).IncTo(state.RelayCycles);
            UpdateFault(labels, state);
        }

        foreach (var energy in engine.Energy)
        {
            string[] labels = [energy.Slot.ToString(CultureInfo.InvariantCulture), NodeOf(engine, energy.Slot)];
            _energy.WithLabels(labels).IncTo(energy.LifetimeWh);
            _energyToday.WithLabels(labels).Set(energy.TodayWh);
        }

        _chassisEnergy.IncTo(engine.ChassisLifetimeWh);
        _headroom.Set(engine.HeadroomW);
        SetOrUnpublish(_chassisTemperature, engine.ChassisTemperatureC);
        if (snapshot is not null)
        {
            UpdateSamples(snapshot, engine);
        }
    }

    private void UpdateSamples(ChassisSnapshot snapshot, EngineReadout engine)
    {
        foreach (var sample in snapshot.Slots)
        {
            string[] labels = [sample.Slot.ToString(CultureInfo.InvariantCulture), NodeOf(engine, sample.Slot)];
            _volts.WithLabels(labels).Set(sample.BusVoltageV);
            _amps.WithLabels(labels).Set(sample.CurrentA);
            _watts.WithLabels(labels).Set(sample.PowerW);
            _stale.WithLabels(labels).Set(sample.Stale ? 1 : 0);
        }

        foreach (var probe in snapshot.Probes.Where(p => p.TemperatureC is not null))
        {
            _probeTemperature.WithLabels(probe.Name).Set(probe.TemperatureC!.Value);
        }

        _chassisWatts.Set(snapshot.TotalPowerW);
        SetOrUnpublish(_busVolts, snapshot.BusVoltageV);
        _sweeps.IncTo(snapshot.Sweep);
    }

    /// <summary>A latched fault is one series with its code; clearing it removes the series.</summary>
    private void UpdateFault(string[] labels, SlotState state)
    {
        var code = state.Fault?.Code;
        if (_faultCodes.TryGetValue(state.Slot, out var previous) && previous != code)
        {
            _fault.RemoveLabelled([.. labels, previous]);
            _faultCodes.Remove(state.Slot);
        }

        if (code is not null)
        {
            _fault.WithLabels([.. labels, code]).Set(1);
            _faultCodes[state.Slot] = code;
        }
    }

    private static string NodeOf(EngineReadout engine, int slot) =>
        engine.States.FirstOrDefault(s => s.Slot == slot)?.Node ?? "";

    private static void SetOrUnpublish(Gauge gauge, double? value)
    {
        if (value is { } v)
        {
            gauge.Set(v);
            gauge.Publish();
        }
        else
        {
            gauge.Unpublish();
        }
    }
}
