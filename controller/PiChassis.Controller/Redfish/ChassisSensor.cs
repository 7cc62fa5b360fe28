using System.Globalization;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// One reading of a chassis as a Redfish Sensor. Ids are made of the reading's kind (and a probe's
/// position), never of configured names, so they are safe in a URI and stable when a probe is renamed.
/// </summary>
public sealed record ChassisSensor(string Id, string Name, string ReadingType, string ReadingUnits, double? Reading, bool Stale, string PhysicalContext)
{
    public const string PowerId = "Power";
    public const string EnergyId = "Energy";
    public const string VoltageId = "Voltage";
    public const string CurrentId = "Current";
    public const string FanId = "Fan";

    /// <summary>The sensors of chassis <paramref name="id"/>; empty for an unknown Id.</summary>
    public static IReadOnlyList<ChassisSensor> Of(ChassisView view, string? id)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (ChassisView.IsEnclosure(id))
        {
            List<ChassisSensor> sensors =
            [
                new(PowerId, "Total power of the slots", "Power", "W", view.TotalPowerW, false, "PowerSupply"),
                new(EnergyId, "Energy of the slots since first start", "EnergykWh", "kW.h", view.TotalEnergyKWh, false, "PowerSupply"),
                new(VoltageId, "Bus voltage", "Voltage", "V", view.BusVoltageV, false, "PowerSupply"),
            ];
            sensors.AddRange(view.Probes.Select((p, i) => new ChassisSensor(TemperatureId(i), p.Name, "Temperature", "Cel",
                p.TemperatureC is { } t ? ChassisView.Round(t) : null, p.Stale, "Chassis")));
            if (view.FanDutyPercent is { } duty)
            {
                sensors.Add(new(FanId, "Fan duty", "Percent", "%", ChassisView.Round(duty), false, "Fan"));
            }

            return sensors;
        }

        if (view.Slot(id) is not { } slot)
        {
            return [];
        }

        var stale = view.Sample(slot.Slot)?.Stale ?? false;
        return
        [
            new(PowerId, $"Slot {slot.Slot} power", "Power", "W", view.PowerW(slot.Slot), stale, "Board"),
            new(CurrentId, $"Slot {slot.Slot} current", "Current", "A", view.CurrentA(slot.Slot), stale, "Board"),
            new(VoltageId, $"Slot {slot.Slot} voltage", "Voltage", "V", view.VoltageV(slot.Slot), stale, "Board"),
            new(EnergyId, $"Slot {slot.Slot} energy since first start", "EnergykWh", "kW.h", view.EnergyKWh(slot.Slot), false, "Board"),
        ];
    }

    /// <summary>The Id of the temperature probe at <paramref name="index"/> (0-based) in the snapshot: <c>Temperature1</c>, …</summary>
    public static string TemperatureId(int index) => string.Create(CultureInfo.InvariantCulture, $"Temperature{index + 1}");
}
