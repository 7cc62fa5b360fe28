using System.Globalization;
using PiChassis.Controller.Engine;
using PiChassis.Shared.HomeAssistant;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Home Assistant device discovery: one device for the chassis (power, headroom, bus voltage, one
/// temperature per probe) and one per slot (power switch, measurements, phase, fault, buttons,
/// policy, events), all available only while the controller's <c>status</c> is <c>online</c>.
/// </summary>
public static class HomeAssistantDiscovery
{
    public const string Manufacturer = "PiChassis";

    /// <summary>Every slot event type, so Home Assistant's event entity accepts each one.</summary>
    public static IReadOnlyList<string> SlotEventTypes { get; } =
    [
        EventTypes.PowerOn, EventTypes.PowerOff, EventTypes.PhaseChanged, EventTypes.FaultTrip, EventTypes.FaultCleared,
        EventTypes.LoadShed, EventTypes.ShedReleased, EventTypes.WatchdogAction, EventTypes.ButtonPress, EventTypes.CommandRejected,
        EventTypes.PolicyChanged, NodeIdentity.EventType, EventTypes.IdentityConflict, EventTypes.IdentityConfirmed,
        EventTypes.IdentityRejected,
    ];

    public static string ChassisObjectId(Topics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return $"pichassis_{topics.ChassisId.Replace('-', '_')}";
    }

    public static string SlotObjectId(Topics topics, int slot) => $"{ChassisObjectId(topics)}_s{slot.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The discovery topic and payload of the chassis, then of each slot.</summary>
    public static IEnumerable<(string Topic, HaDeviceDiscovery Payload)> Build(
        Topics topics, string prefix, IEnumerable<int> slots, IEnumerable<string> probes, string swVersion, TimeSpan telemetryExpiry)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var chassisId = ChassisObjectId(topics);
        yield return (HomeAssistantTopics.DeviceConfig(prefix, chassisId), Chassis(topics, probes, swVersion, telemetryExpiry));
        foreach (var slot in slots)
        {
            yield return (HomeAssistantTopics.DeviceConfig(prefix, SlotObjectId(topics, slot)), Slot(topics, slot, swVersion, telemetryExpiry));
        }
    }

    private static HaDeviceDiscovery Chassis(Topics topics, IEnumerable<string> probes, string swVersion, TimeSpan expiry)
    {
        var id = ChassisObjectId(topics);
        var components = new Dictionary<string, HaComponent>(StringComparer.Ordinal)
        {
            ["total_power"] = Measurement(id, "total_power", "Total power", "power", "W", topics.Telemetry, "total_power_w", expiry),
            ["headroom"] = Measurement(id, "headroom", "Headroom", "power", "W", topics.Telemetry, "headroom_w", expiry),
            ["bus_voltage"] = Measurement(id, "bus_voltage", "Bus voltage", "voltage", "V", topics.Telemetry, "bus_voltage_v", expiry),
        };
        foreach (var probe in probes)
        {
            var key = "temperature_" + new string([.. probe.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
            components[key] = Measurement(id, key, $"Temperature {probe}", "temperature", "°C", topics.Telemetry,
                $"temperatures_c['{probe.Replace("'", "", StringComparison.Ordinal)}']", expiry);
        }

        var device = new HaDevice([id], $"PiChassis {topics.ChassisId}", Manufacturer, "Pi cluster chassis", swVersion);
        return Wrap(topics, device, components, swVersion);
    }

    private static HaDeviceDiscovery Slot(Topics topics, int slot, string swVersion, TimeSpan expiry)
    {
        var id = SlotObjectId(topics, slot);
        var state = topics.SlotState(slot);
        var set = topics.SlotSet(slot);
        var telemetry = topics.SlotTelemetry(slot);
        var components = new Dictionary<string, HaComponent>(StringComparer.Ordinal)
        {
            ["power"] = new()
            {
                Platform = "switch", UniqueId = $"{id}_power", Name = "Power", DeviceClass = "outlet",
                StateTopic = state, ValueTemplate = "{{ value_json.power }}", StateOn = "on", StateOff = "off",
                CommandTopic = set, PayloadOn = "ON", PayloadOff = "OFF",
            },
            ["lock"] = new()
            {
                Platform = "switch", UniqueId = $"{id}_lock", Name = "Maintenance lock", EntityCategory = "config",
                StateTopic = state, ValueTemplate = "{{ 'on' if value_json.locked else 'off' }}", StateOn = "on", StateOff = "off",
                CommandTopic = set, PayloadOn = "LOCK", PayloadOff = "UNLOCK",
            },
            ["voltage"] = Measurement(id, "voltage", "Voltage", "voltage", "V", telemetry, "voltage_v", expiry),
            ["current"] = Measurement(id, "current", "Current", "current", "A", telemetry, "current_a", expiry),
            ["power_w"] = Measurement(id, "power_w", "Power draw", "power", "W", telemetry, "power_w", expiry),
            ["energy"] = Measurement(id, "energy", "Energy", "energy", "Wh", telemetry, "energy_wh", expiry) with { StateClass = "total_increasing", ExpireAfter = null },
            ["phase"] = new()
            {
                Platform = "sensor", UniqueId = $"{id}_phase", Name = "Phase", DeviceClass = "enum",
                Options = WireValues.Phases, StateTopic = state, ValueTemplate = "{{ value_json.phase }}",
            },
            ["fault"] = new()
            {
                Platform = "binary_sensor", UniqueId = $"{id}_fault", Name = "Fault", DeviceClass = "problem",
                StateTopic = state, ValueTemplate = "{{ 'ON' if value_json.fault else 'OFF' }}", PayloadOn = "ON", PayloadOff = "OFF",
            },
            ["node"] = new()
            {
                Platform = "sensor", UniqueId = $"{id}_node", Name = "Node", EntityCategory = "diagnostic",
                StateTopic = state, ValueTemplate = "{{ value_json.node }}",
            },
            ["relay_cycles"] = new()
            {
                Platform = "sensor", UniqueId = $"{id}_relay_cycles", Name = "Relay cycles", EntityCategory = "diagnostic",
                StateClass = "total_increasing", StateTopic = state, ValueTemplate = "{{ value_json.relay_cycles }}",
            },
            ["cycle"] = Button(id, "cycle", "Power cycle", null, set, "CYCLE"),
            ["restart"] = Button(id, "restart", "Restart", "restart", set, "RESTART"),
            ["clear_fault"] = Button(id, "clear_fault", "Clear fault", null, set, "CLEAR_FAULT"),
            ["identify"] = Button(id, "identify", "Identify", "identify", set, "IDENTIFY"),
            ["policy"] = new()
            {
                Platform = "select", UniqueId = $"{id}_policy", Name = "Policy", Options = WireValues.Policies,
                StateTopic = state, ValueTemplate = "{{ value_json.policy }}",
                CommandTopic = set, CommandTemplate = "{\"policy\":\"{{ value }}\"}",
            },
            ["events"] = new()
            {
                Platform = "event", UniqueId = $"{id}_events", Name = "Events", StateTopic = topics.SlotEvent(slot), EventTypes = SlotEventTypes,
            },
        };
        var device = new HaDevice([id], $"PiChassis {topics.ChassisId} slot {slot.ToString(CultureInfo.InvariantCulture)}",
            Manufacturer, "Chassis slot", swVersion, ChassisObjectId(topics));
        return Wrap(topics, device, components, swVersion);
    }

    private static HaDeviceDiscovery Wrap(Topics topics, HaDevice device, Dictionary<string, HaComponent> components, string swVersion) =>
        new(device, new HaOrigin("pichassis", swVersion), components, topics.Status, Availability.Online, Availability.Offline, 1);

    private static HaComponent Measurement(string deviceId, string key, string name, string deviceClass, string unit, string topic, string field, TimeSpan expiry) => new()
    {
        Platform = "sensor",
        UniqueId = $"{deviceId}_{key}",
        Name = name,
        DeviceClass = deviceClass,
        StateClass = "measurement",
        UnitOfMeasurement = unit,
        StateTopic = topic,
        ValueTemplate = $"{{{{ value_json.{field} }}}}",
        ExpireAfter = (int)Math.Ceiling(expiry.TotalSeconds),
    };

    private static HaComponent Button(string deviceId, string key, string name, string? deviceClass, string topic, string payload) => new()
    {
        Platform = "button",
        UniqueId = $"{deviceId}_{key}",
        Name = name,
        DeviceClass = deviceClass,
        CommandTopic = topic,
        PayloadPress = payload,
    };
}
