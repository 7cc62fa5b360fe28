using System.Collections.Immutable;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// What the chassis resources are made of, read once per request on the engine loop (slots, energy)
/// together with the latest snapshot and the fan's duty, so one response never mixes two moments.
/// </summary>
public sealed record ChassisView(
    string ChassisId,
    ImmutableArray<SlotState> States,
    ImmutableArray<SlotEnergy> Energy,
    ChassisSnapshot? Snapshot,
    double? FanDutyPercent,
    PowerOptions Power)
{
    /// <summary>Readings are rounded to what the INA219 resolves, so that an ETag changes with the reading, not with noise below it.</summary>
    private const int Decimals = 3;

    public static bool IsEnclosure(string? id) => id == RedfishPaths.EnclosureId;

    /// <summary>The slot a chassis Id names (the same Id as its system); null for the enclosure and unknown Ids.</summary>
    public SlotState? Slot(string? id) => RedfishPaths.TryParseSystemId(id, out var number) ? States.FirstOrDefault(s => s.Slot == number) : null;

    /// <summary>Whether <paramref name="id"/> is a chassis of this service.</summary>
    public bool Exists(string? id) => IsEnclosure(id) || Slot(id) is not null;

    public SlotSample? Sample(int slot) => Snapshot?.Slots.FirstOrDefault(s => s.Slot == slot);

    /// <summary>A slot's draw as the engine and the energy meter count it: an open relay draws nothing. Null before the first sweep.</summary>
    public double? PowerW(int slot) => Sample(slot) is { } s ? Round(s.RelayClosed ? Math.Max(0, s.PowerW) : 0) : null;

    public double? CurrentA(int slot) => Sample(slot) is { } s ? Round(s.RelayClosed ? Math.Max(0, s.CurrentA) : 0) : null;

    public double? VoltageV(int slot) => Sample(slot) is { } s ? Round(s.BusVoltageV) : null;

    public double? TotalPowerW => Snapshot is null ? null : Round(States.Sum(s => PowerW(s.Slot) ?? 0));

    public double? BusVoltageV => Snapshot?.BusVoltageV is { } v ? Round(v) : null;

    public double EnergyKWh(int slot) => Round((Energy.FirstOrDefault(e => e.Slot == slot)?.LifetimeWh ?? 0) / 1000);

    public double TotalEnergyKWh => Round(Energy.Sum(e => e.LifetimeWh) / 1000);

    public ImmutableArray<ProbeSample> Probes => Snapshot?.Probes ?? [];

    /// <summary>The hottest fresh probe, as protection and the fan curve use it; null when none is fresh.</summary>
    public double? HottestC => Probes.Where(p => !p.Stale && p.TemperatureC is not null).Max(p => p.TemperatureC) is { } t ? Round(t) : null;

    public static double Round(double value) => Math.Round(value, Decimals);
}
