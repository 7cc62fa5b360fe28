using System.Text.Json.Nodes;

namespace PiChassis.Tests.Controller.Mqtt;

/// <summary>
/// The checks Home Assistant's MQTT integration makes of a device discovery payload, as documented
/// for device discovery and the sensor, binary_sensor, switch, button, select and event platforms:
/// required keys, device classes with their units, state classes, and availability.
/// </summary>
internal static class HomeAssistantRules
{
    private static readonly Dictionary<string, string[]> SensorUnits = new()
    {
        ["voltage"] = ["V", "mV", "µV", "kV", "MV"],
        ["current"] = ["A", "mA"],
        ["power"] = ["W", "kW", "mW", "MW", "GW", "TW", "BTU/h"],
        ["energy"] = ["Wh", "kWh", "MWh", "GWh", "TWh", "J", "kJ", "MJ", "GJ", "mWh"],
        ["temperature"] = ["°C", "°F", "K"],
    };

    private static readonly string[] StateClasses = ["measurement", "measurement_angle", "total", "total_increasing"];
    private static readonly string[] BinarySensorClasses = ["problem", "power", "plug", "running", "connectivity", "safety"];
    private static readonly string[] SwitchClasses = ["outlet", "switch"];
    private static readonly string[] ButtonClasses = ["identify", "restart", "update"];
    private static readonly string[] EventClasses = ["button", "doorbell", "motion"];
    private static readonly string[] EntityCategories = ["config", "diagnostic"];

    public static List<string> Check(JsonObject payload, string statusTopic)
    {
        var errors = new List<string>();
        void Require(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }

        var device = payload["device"] as JsonObject;
        Require(device is not null, "device is required");
        Require(device?["identifiers"] is JsonArray { Count: > 0 }, "device.identifiers is required");
        Require(device?["name"] is JsonValue, "device.name is required");
        Require(payload["origin"]?["name"] is JsonValue, "origin.name is required");
        Require((string?)payload["availability_topic"] == statusTopic, "availability must follow the controller's status");
        Require((string?)payload["payload_available"] == "online" && (string?)payload["payload_not_available"] == "offline",
            "availability payloads must be online/offline");
        Require((int?)payload["qos"] is 0 or 1 or 2, "qos must be 0, 1 or 2");
        if (payload["components"] is not JsonObject { Count: > 0 } components)
        {
            errors.Add("components are required");
            return errors;
        }

        foreach (var (key, node) in components)
        {
            var component = node!.AsObject();
            var errorCount = errors.Count;
            CheckComponent(component, Require);
            for (var i = errorCount; i < errors.Count; i++)
            {
                errors[i] = $"{key}: {errors[i]}";
            }
        }

        return errors;
    }

    private static void CheckComponent(JsonObject c, Action<bool, string> require)
    {
        var platform = (string?)c["platform"];
        var deviceClass = (string?)c["device_class"];
        var stateClass = (string?)c["state_class"];
        var unit = (string?)c["unit_of_measurement"];
        require(c["unique_id"] is JsonValue, "unique_id is required");
        require(c["entity_category"] is null || EntityCategories.Contains((string?)c["entity_category"]), "unknown entity_category");
        switch (platform)
        {
            case "sensor":
                require(c["state_topic"] is JsonValue, "sensor needs state_topic");
                require(stateClass is null || StateClasses.Contains(stateClass), $"unknown state_class {stateClass}");
                if (deviceClass == "enum")
                {
                    require(c["options"] is JsonArray { Count: > 0 }, "enum sensor needs options");
                    require(unit is null && stateClass is null, "enum sensor takes no unit or state_class");
                }
                else if (deviceClass is not null)
                {
                    require(SensorUnits.TryGetValue(deviceClass, out var units), $"unknown sensor device_class {deviceClass}");
                    require(units is null || units.Contains(unit), $"unit {unit} is not valid for {deviceClass}");
                    require(deviceClass != "energy" || stateClass is "total" or "total_increasing", "energy must be total or total_increasing");
                }

                break;
            case "binary_sensor":
                require(c["state_topic"] is JsonValue, "binary_sensor needs state_topic");
                require(deviceClass is null || BinarySensorClasses.Contains(deviceClass), $"unknown binary_sensor device_class {deviceClass}");
                break;
            case "switch":
                require(c["command_topic"] is JsonValue, "switch needs command_topic");
                require(deviceClass is null || SwitchClasses.Contains(deviceClass), $"unknown switch device_class {deviceClass}");
                require(c["state_topic"] is null || (c["state_on"] is JsonValue && c["state_off"] is JsonValue) || c["value_template"] is null,
                    "a switch with a value_template must say which values are on and off");
                break;
            case "button":
                require(c["command_topic"] is JsonValue, "button needs command_topic");
                require(deviceClass is null || ButtonClasses.Contains(deviceClass), $"unknown button device_class {deviceClass}");
                break;
            case "select":
                require(c["command_topic"] is JsonValue, "select needs command_topic");
                require(c["options"] is JsonArray { Count: > 0 }, "select needs options");
                break;
            case "event":
                require(c["state_topic"] is JsonValue, "event needs state_topic");
                require(c["event_types"] is JsonArray { Count: > 0 }, "event needs event_types");
                require(deviceClass is null || EventClasses.Contains(deviceClass), $"unknown event device_class {deviceClass}");
                break;
            default:
                require(false, $"unsupported platform {platform}");
                break;
        }

        if (platform != "sensor")
        {
            require(unit is null && stateClass is null, $"{platform} takes no unit or state_class");
        }
    }
}
