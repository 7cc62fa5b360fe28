using System.Text.Json.Nodes;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>What the controller publishes by itself: retained status, info, states, telemetry, discovery, events.</summary>
public sealed class MqttPublishingTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    private static readonly TimeSpan Patience = BrokerAndController.Patience;

    [Fact]
    public async Task LateSubscriber_GetsRetainedStatusInfoAndEveryState()
    {
        var result = await MosquittoClients.SubscribeAsync(rig.Port,
            ["pichassis/sim/status", "pichassis/sim/info", "pichassis/sim/slot/+/state"], count: 6, waitS: 10, version: "311");

        var messages = result.Lines.Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("online", messages["pichassis/sim/status"]);
        var info = JsonNode.Parse(messages["pichassis/sim/info"])!;
        Assert.Equal(1, (int)info["schema"]!);
        Assert.Equal("sim", (string?)info["chassis"]);
        Assert.Equal(["inlet", "exhaust"], info["probes"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(4, info["slots"]!.AsArray().Count);
        for (var slot = 1; slot <= 4; slot++)
        {
            Assert.Equal(slot, (int)JsonNode.Parse(messages[$"pichassis/sim/slot/{slot}/state"])!["slot"]!);
        }
    }

    [Fact]
    public async Task Telemetry_RetainedWithExpiryOfThreePeriods_AtQos0()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/telemetry", "pichassis/sim/slot/1/telemetry");

        var chassis = await client.WaitForAsync(m => m.Topic == "pichassis/sim/telemetry", Patience);
        var slot = await client.WaitForAsync(m => m.Topic == "pichassis/sim/slot/1/telemetry", Patience);

        Assert.NotNull(chassis);
        Assert.NotNull(slot);
        Assert.InRange(chassis.MessageExpiryInterval, 1u, 15u);
        Assert.InRange(slot.MessageExpiryInterval, 1u, 15u);
        var json = JsonNode.Parse(TestMqttClient.Text(chassis))!;
        Assert.Equal(60, (double)json["psu_budget_w"]!);
        Assert.NotNull(json["temperatures_c"]!["inlet"]);
        Assert.True(JsonNode.Parse(TestMqttClient.Text(slot))!.AsObject().ContainsKey("energy_wh"));
    }

    [Fact]
    public async Task SlotSet_Shortcuts_StateAndEventsFollow()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/slot/3/state", "pichassis/sim/slot/3/event");
        client.Clear();

        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/3/set", "force_off");
        var off = await client.WaitForAsync("pichassis/sim/slot/3/state", p => p.Contains("\"power\":\"off\"", StringComparison.Ordinal), Patience);
        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/3/set", """{"policy":"always_off"}""", version: "311");
        var policy = await client.WaitForAsync("pichassis/sim/slot/3/state", p => p.Contains("\"policy\":\"always_off\"", StringComparison.Ordinal), Patience);
        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/3/set", "ON");
        var refused = await client.WaitForAsync("pichassis/sim/slot/3/event", p => p.Contains("command_rejected", StringComparison.Ordinal), Patience);

        Assert.NotNull(off);
        Assert.NotNull(policy);
        Assert.NotNull(refused);
        Assert.Equal("locked", (string?)JsonNode.Parse(TestMqttClient.Text(refused))!["detail"]!["code"]);
        Assert.False(rig.Controller.Chassis.Slot(3).RelayInputClosed);
    }

    [Fact]
    public async Task GracefulOff_HaltGoesThroughTheNodeAgentTopic()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/nodes/node02/cmd", "pichassis/sim/slot/2/event");

        var response = await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/power", """{"id":"halt-2","targets":"node02","state":"off","wait":"relay","timeout_s":30}""", waitS: 40);

        Assert.Equal("ok", (string?)JsonNode.Parse(response!)!["status"]);
        var halt = await client.WaitForAsync(m => m.Topic == "pichassis/nodes/node02/cmd", Patience);
        Assert.NotNull(halt);
        Assert.Equal("halt", (string?)JsonNode.Parse(TestMqttClient.Text(halt))!["action"]);
        var powerOff = await client.WaitForAsync("pichassis/sim/slot/2/event", p => p.Contains("power_off", StringComparison.Ordinal), Patience);
        Assert.NotNull(powerOff);
        Assert.Equal("halted", (string?)JsonNode.Parse(TestMqttClient.Text(powerOff))!["detail"]!["reason"]);
    }

    [Fact]
    public async Task HomeAssistantOnline_DiscoveryIsSentAgain()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "homeassistant/device/+/config");
        Assert.NotNull(await client.WaitForAsync(m => m.Retain, Patience));

        await MosquittoClients.PublishAsync(rig.Port, "homeassistant/status", "online");

        // Sent again to a subscriber already there, so without the retain flag: no need to tell them from the first ones.
        var fresh = await client.WaitForAsync(m => m.Topic == "homeassistant/device/pichassis_sim_s4/config" && !m.Retain, Patience);
        Assert.NotNull(fresh);
        Assert.Equal(5, client.Messages().Where(m => !m.Retain).Select(m => m.Topic).Distinct().Count());
        var payload = JsonNode.Parse(TestMqttClient.Text(fresh))!.AsObject();
        Assert.Empty(HomeAssistantRules.Check(payload, "pichassis/sim/status"));
    }

    [Fact]
    public async Task Events_PublishedWithIncreasingSeq_OnChassisAndSlotTopics()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/event", "pichassis/sim/slot/1/event");

        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/1/set", "CYCLE");
        var changed = await client.WaitForAsync(m => m.Topic == "pichassis/sim/slot/1/event" && TestMqttClient.Text(m).Contains("phase_changed", StringComparison.Ordinal), Patience);

        Assert.NotNull(changed);
        var seqs = client.Json("pichassis/sim/event").Select(e => (long)e["seq"]!).ToList();
        Assert.NotEmpty(seqs);
        Assert.Equal(seqs.Order().Distinct(), seqs);
        var slotEvents = client.Json("pichassis/sim/slot/1/event");
        Assert.NotEmpty(slotEvents);
        Assert.All(slotEvents, e => Assert.Equal(1, (int)e["slot"]!));
    }

    [Fact]
    public async Task RetainedCommand_IgnoredAndLogged()
    {
        var before = rig.Controller.Relays();

        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/4/set", "OFF", retain: true);
        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/request/power", """{"id":"ret-1","targets":"slot:4","state":"off"}""", retain: true);
        await rig.SettleAsync();

        Assert.Equal(2, rig.Controller.Logged(MessageRouter.RetainedIgnoredEventId));
        Assert.Equal(before, rig.Controller.Relays());
        Assert.DoesNotContain(rig.Controller.Journal.Read(0, 10_000), e => e.Slot == 4 && e.Type is "phase_changed" or "power_off");
        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/4/set", "", retain: true);
        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/request/power", "", retain: true);
    }

    [Fact]
    public void SoftwareVersion_IsPublishedInInfo()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", SoftwareVersion.Text);
    }
}
