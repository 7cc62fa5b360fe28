using System.Text.Json;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class HomeAssistantDiscoveryTests
{
    private static readonly Topics Topics = new("rack-1");
    private static readonly string[] Buttons = ["cycle", "restart", "clear_fault", "identify"];

    private static List<(string Topic, JsonObject Payload)> Build(int slots = 3, string[]? probes = null) =>
        [.. HomeAssistantDiscovery.Build(Topics, "homeassistant", Enumerable.Range(1, slots), probes ?? ["inlet", "exhaust"], "1.2.3", TimeSpan.FromSeconds(15))
            .Select(d => (d.Topic, JsonNode.Parse(JsonSerializer.Serialize(d.Payload, PiChassisJson.Wire.HaDeviceDiscovery))!.AsObject()))];

    private static JsonObject Component(JsonObject payload, string key) => payload["components"]![key]!.AsObject();

    [Fact]
    public void Build_EveryPayload_PassesHomeAssistantRules()
    {
        foreach (var (topic, payload) in Build())
        {
            Assert.True(HomeAssistantRules.Check(payload, Topics.Status) is [], $"{topic}: {string.Join("; ", HomeAssistantRules.Check(payload, Topics.Status))}");
        }
    }

    [Fact]
    public void Rules_BrokenPayload_AreCaught()
    {
        var payload = Build()[1].Payload;
        Component(payload, "energy")["state_class"] = "measurement";
        Component(payload, "voltage")["unit_of_measurement"] = "A";
        Component(payload, "phase")["state_class"] = "measurement";
        Component(payload, "policy").Remove("options");
        Component(payload, "power").Remove("command_topic");
        payload.Remove("availability_topic");

        var errors = HomeAssistantRules.Check(payload, Topics.Status);

        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void Build_Topics_OneDeviceConfigForTheChassisAndEachSlot()
    {
        Assert.Equal(
            ["homeassistant/device/pichassis_rack_1/config", "homeassistant/device/pichassis_rack_1_s1/config",
             "homeassistant/device/pichassis_rack_1_s2/config", "homeassistant/device/pichassis_rack_1_s3/config"],
            Build().Select(d => d.Topic));
    }

    [Fact]
    public void Build_UniqueIds_AreUniqueAcrossDevices()
    {
        var ids = Build().SelectMany(d => d.Payload["components"]!.AsObject().Select(c => (string)c.Value!["unique_id"]!)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Build_SlotPowerSwitch_OutletCommandedWithShortcuts()
    {
        var power = Component(Build()[1].Payload, "power");

        Assert.Equal("switch", (string?)power["platform"]);
        Assert.Equal("outlet", (string?)power["device_class"]);
        Assert.Equal("pichassis/rack-1/slot/1/state", (string?)power["state_topic"]);
        Assert.Equal("{{ value_json.power }}", (string?)power["value_template"]);
        Assert.Equal("pichassis/rack-1/slot/1/set", (string?)power["command_topic"]);
        Assert.Equal("ON", (string?)power["payload_on"]);
        Assert.Equal("OFF", (string?)power["payload_off"]);
        Assert.Equal("on", (string?)power["state_on"]);
    }

    [Theory]
    [InlineData("voltage", "voltage", "V", "measurement", "voltage_v")]
    [InlineData("current", "current", "A", "measurement", "current_a")]
    [InlineData("power_w", "power", "W", "measurement", "power_w")]
    [InlineData("energy", "energy", "Wh", "total_increasing", "energy_wh")]
    public void Build_SlotMeasurements_ReadSlotTelemetry(string key, string deviceClass, string unit, string stateClass, string field)
    {
        var sensor = Component(Build()[2].Payload, key);

        Assert.Equal(deviceClass, (string?)sensor["device_class"]);
        Assert.Equal(unit, (string?)sensor["unit_of_measurement"]);
        Assert.Equal(stateClass, (string?)sensor["state_class"]);
        Assert.Equal("pichassis/rack-1/slot/2/telemetry", (string?)sensor["state_topic"]);
        Assert.Equal($"{{{{ value_json.{field} }}}}", (string?)sensor["value_template"]);
    }

    [Fact]
    public void Build_SlotPhaseFaultPolicyEvents_FollowTheContract()
    {
        var slot = Build()[1].Payload;

        Assert.Equal(WireValues.Phases, Component(slot, "phase")["options"]!.AsArray().Select(o => (string)o!));
        Assert.Equal("problem", (string?)Component(slot, "fault")["device_class"]);
        Assert.Equal(WireValues.Policies, Component(slot, "policy")["options"]!.AsArray().Select(o => (string)o!));
        Assert.Equal("{\"policy\":\"{{ value }}\"}", (string?)Component(slot, "policy")["command_template"]);
        Assert.Equal("pichassis/rack-1/slot/1/event", (string?)Component(slot, "events")["state_topic"]);
        Assert.Contains(EventTypes.FaultTrip, Component(slot, "events")["event_types"]!.AsArray().Select(o => (string)o!));
        Assert.Equal(["CYCLE", "RESTART", "CLEAR_FAULT", "IDENTIFY"], Buttons.Select(b => (string)Component(slot, b)["payload_press"]!));
    }

    [Fact]
    public void Build_Chassis_TotalsAndOneTemperaturePerProbe()
    {
        var chassis = Build(probes: ["inlet", "exhaust", "psu"])[0].Payload;
        var components = chassis["components"]!.AsObject();

        Assert.Equal("power", (string?)components["total_power"]!["device_class"]);
        Assert.Equal("{{ value_json.headroom_w }}", (string?)components["headroom"]!["value_template"]);
        Assert.Equal("voltage", (string?)components["bus_voltage"]!["device_class"]);
        Assert.Equal(3, components.Count(c => (string?)c.Value!["device_class"] == "temperature"));
        Assert.Equal("{{ value_json.temperatures_c['psu'] }}", (string?)components["temperature_psu"]!["value_template"]);
        Assert.Equal("pichassis/rack-1/telemetry", (string?)components["total_power"]!["state_topic"]);
    }

    [Fact]
    public void Build_Slots_AreReachedThroughTheChassis()
    {
        var slot = Build()[3].Payload;

        Assert.Equal("pichassis_rack_1", (string?)slot["device"]!["via_device"]);
        Assert.Equal("pichassis_rack_1_s3", (string?)slot["device"]!["identifiers"]![0]);
    }
}
