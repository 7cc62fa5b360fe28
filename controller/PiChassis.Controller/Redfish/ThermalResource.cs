using System.Globalization;
using System.Text.Json.Nodes;

namespace PiChassis.Controller.Redfish;

/// <summary>The deprecated Thermal resource, for the clients that read temperatures and fans from it rather than from Sensors.</summary>
public static class ThermalResource
{
    /// <summary>The enclosure's: each probe, and the fan's duty.</summary>
    public static JsonObject Build(ChassisView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var path = RedfishPaths.OfChassis(RedfishPaths.EnclosureId, "Thermal");
        var temperatures = view.Probes.Select((p, i) => (JsonNode?)new JsonObject
        {
            ["@odata.id"] = string.Create(CultureInfo.InvariantCulture, $"{path}#/Temperatures/{i}"),
            ["MemberId"] = i.ToString(CultureInfo.InvariantCulture),
            ["Name"] = p.Name,
            ["ReadingCelsius"] = p.TemperatureC is { } t ? ChassisView.Round(t) : null,
            ["PhysicalContext"] = "Chassis",
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = p.Stale ? "Warning" : "OK" },
        });
        var fans = view.FanDutyPercent is { } duty
            ? new JsonArray(new JsonObject
            {
                ["@odata.id"] = $"{path}#/Fans/0",
                ["MemberId"] = "0",
                ["Name"] = "Chassis fan",
                ["Reading"] = (int)Math.Round(duty),
                ["ReadingUnits"] = "Percent",
                ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
            })
            : [];
        return new JsonObject
        {
            ["@odata.id"] = path,
            ["@odata.type"] = RedfishSchemas.Thermal,
            ["Id"] = "Thermal",
            ["Name"] = "Thermal",
            ["Temperatures"] = new JsonArray([.. temperatures]),
            ["Fans"] = fans,
        };
    }
}
