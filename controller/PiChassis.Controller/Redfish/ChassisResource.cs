using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using static PiChassis.Controller.Redfish.ServiceEndpoints;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The enclosure and the slots as Redfish Chassis (docs/redfish.md has the map): the enclosure
/// contains one chassis per slot, and each slot's chassis holds its system.
/// </summary>
public static class ChassisResource
{
    /// <summary>Health values from best to worst: the enclosure's rollup is the worst of its slots'.</summary>
    private static readonly string[] HealthOrder = ["OK", "Warning", "Critical"];

    public static JsonObject Enclosure(ChassisView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var id = RedfishPaths.EnclosureId;
        var body = Common(id, "PiChassis enclosure", "Enclosure", SystemResource.Uuid(view.ChassisId));
        body["Description"] = $"Chassis {view.ChassisId}: the supply, the probes, the fan and the slots";
        body["PowerState"] = "On"; // the controller runs on the enclosure's supply
        body["Status"] = new JsonObject
        {
            ["State"] = "Enabled",
            ["Health"] = "OK",
            ["HealthRollup"] = HealthOrder[view.States.Select(s => Array.IndexOf(HealthOrder, SystemResource.Health(s))).DefaultIfEmpty(0).Max()],
        };
        body["PowerSubsystem"] = Link(RedfishPaths.OfChassis(id, "PowerSubsystem"));
        body["Thermal"] = Link(RedfishPaths.OfChassis(id, "Thermal"));
        body["Links"] = new JsonObject
        {
            ["Contains"] = Links(view.States.Select(s => RedfishPaths.SlotChassis(s.Slot))),
            ["ManagedBy"] = Links([RedfishPaths.Controller]),
        };
        return body;
    }

    public static JsonObject Slot(ChassisView view, SlotState slot)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(slot);
        var id = Id(slot);
        var body = Common(id, $"Slot {slot.Slot}", "Blade", SystemResource.Uuid($"{view.ChassisId}/slot/{slot.Slot}/chassis"));
        body["Description"] = $"Slot {slot.Slot} of chassis {view.ChassisId}: its relay and power sensor";
        body["PowerState"] = SystemResource.PowerState(slot);
        body["Status"] = SystemResource.Status(slot);
        body["Links"] = new JsonObject
        {
            ["ContainedBy"] = Link(RedfishPaths.Enclosure),
            ["ComputerSystems"] = Links([RedfishPaths.System(slot.Slot)]),
            ["ManagedBy"] = Links([RedfishPaths.Controller]),
        };
        return body;
    }

    /// <summary>The chassis' Id: a slot's is its number, as its system's.</summary>
    public static string Id(SlotState slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return RedfishPaths.SlotChassis(slot.Slot)[(RedfishPaths.Chassis.Length + 1)..];
    }

    public static JsonObject Sensors(ChassisView view, string id)
    {
        ArgumentNullException.ThrowIfNull(view);
        var sensors = RedfishPaths.OfChassis(id, "Sensors");
        return CollectionResource.Build(sensors, RedfishSchemas.SensorCollection, "Sensors", ChassisSensor.Of(view, id).Select(s => $"{sensors}/{s.Id}"));
    }

    public static JsonObject Sensor(string chassisId, ChassisSensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return new JsonObject
        {
            ["@odata.id"] = $"{RedfishPaths.OfChassis(chassisId, "Sensors")}/{sensor.Id}",
            ["@odata.type"] = RedfishSchemas.Sensor,
            ["Id"] = sensor.Id,
            ["Name"] = sensor.Name,
            ["ReadingType"] = sensor.ReadingType,
            ["ReadingUnits"] = sensor.ReadingUnits,
            ["Reading"] = sensor.Reading,
            ["PhysicalContext"] = sensor.PhysicalContext,
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = sensor.Stale ? "Warning" : "OK" },
        };
    }

    /// <summary>PowerWatts and EnergykWh for every chassis; the hottest probe and the fan for the enclosure. Each names the sensor it comes from.</summary>
    public static JsonObject EnvironmentMetrics(ChassisView view, string id)
    {
        ArgumentNullException.ThrowIfNull(view);
        var sensors = ChassisSensor.Of(view, id);
        var body = new JsonObject
        {
            ["@odata.id"] = RedfishPaths.OfChassis(id, "EnvironmentMetrics"),
            ["@odata.type"] = RedfishSchemas.EnvironmentMetrics,
            ["Id"] = "EnvironmentMetrics",
            ["Name"] = "Environment metrics",
            ["PowerWatts"] = Excerpt(id, sensors, ChassisSensor.PowerId),
            ["EnergykWh"] = Excerpt(id, sensors, ChassisSensor.EnergyId),
        };
        if (ChassisView.IsEnclosure(id))
        {
            body["TemperatureCelsius"] = new JsonObject { ["Reading"] = view.HottestC };
            if (sensors.FirstOrDefault(s => s.Id == ChassisSensor.FanId) is { } fan)
            {
                var speed = Excerpt(id, sensors, fan.Id);
                speed["DeviceName"] = fan.Name;
                body["FanSpeedsPercent"] = new JsonArray(speed);
            }
        }

        return body;
    }

    public static JsonArray Links(IEnumerable<string> ids) => new([.. ids.Select(i => (JsonNode?)Link(i))]);

    private static JsonObject Common(string id, string name, string type, string uuid) => new()
    {
        ["@odata.id"] = $"{RedfishPaths.Chassis}/{id}",
        ["@odata.type"] = RedfishSchemas.Chassis,
        ["Id"] = id,
        ["Name"] = name,
        ["ChassisType"] = type,
        ["UUID"] = uuid,
        ["EnvironmentMetrics"] = Link(RedfishPaths.OfChassis(id, "EnvironmentMetrics")),
        ["Sensors"] = Link(RedfishPaths.OfChassis(id, "Sensors")),
        ["Power"] = Link(RedfishPaths.OfChassis(id, "Power")),
    };

    private static JsonObject Excerpt(string chassisId, IReadOnlyList<ChassisSensor> sensors, string sensorId) => new()
    {
        ["DataSourceUri"] = $"{RedfishPaths.OfChassis(chassisId, "Sensors")}/{sensorId}",
        ["Reading"] = sensors.FirstOrDefault(s => s.Id == sensorId)?.Reading,
    };
}
