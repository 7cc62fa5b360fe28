using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Simulation;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>
/// A board from elsewhere slid into slot 3: its announcements during the boot make its name the slot's
/// pending name, and an operator's <c>request/identity</c> confirms it.
/// </summary>
public sealed class PlugAndPlayTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    [Fact]
    public async Task Cycle_AnotherBoardInTheSlot_PendingUntilConfirmedOverMqtt()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/info", "pichassis/sim/slot/3/event");
        rig.Controller.Agents.SetBoardName(3, "node42");

        var cycle = JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/cycle",
            """{"id":"pnp-1","targets":"slot:3","wait":"relay","timeout_s":30}""", waitS: 40))!;

        Assert.Equal("ok", (string?)cycle["status"]);
        // The name is pending once its announcement is heard twice: a boot (about 25 s), then one announce period later.
        var pending = await client.WaitForAsync("pichassis/sim/info", p => p.Contains("\"pending_node\":\"node42\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(40) + SimulatedNodeAgents.AnnouncePeriod + BrokerAndController.Patience);
        Assert.Equal("node03", (string?)Slot3(pending!)["node"]);
        var identified = await client.WaitForAsync("pichassis/sim/slot/3/event", p => p.Contains(NodeIdentity.EventType, StringComparison.Ordinal), BrokerAndController.Patience);
        Assert.True((bool)JsonNode.Parse(TestMqttClient.Text(identified!))!["detail"]!["pending"]!);
        var byPendingName = JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/status", """{"id":"pnp-2","targets":"node42"}"""))!;
        Assert.Equal("unknown_target", (string?)byPendingName["error"]!["code"]);

        var confirm = JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/identity",
            """{"id":"pnp-3","targets":"slot:3","action":"confirm"}"""))!;

        Assert.Equal("ok", (string?)confirm["status"]);
        Assert.Equal("node42", (string?)confirm["results"]![0]!["node"]);
        var info = await client.WaitForAsync("pichassis/sim/info", p => Slot3Text(p) is { } s && (string?)s["node"] == "node42", BrokerAndController.Patience);
        Assert.Equal("node03", (string?)Slot3(info!)["configured_node"]);
        Assert.Null(Slot3(info!)["pending_node"]);
        await rig.Controller.Services.GetRequiredService<NodeMapFile>().WhenSavedAsync();
        Assert.Contains("node42", await File.ReadAllTextAsync(Path.Combine(rig.Controller.DataDir, NodeMapFile.FileName)), StringComparison.Ordinal);
        var status = JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/status", """{"id":"pnp-4","targets":"node42"}"""))!;
        Assert.Equal(3, (int)status["results"]![0]!["slot"]!);
    }

    private static JsonNode Slot3(MQTTnet.MqttApplicationMessage info) => Slot3Text(TestMqttClient.Text(info))!;

    private static JsonNode? Slot3Text(string info) =>
        JsonNode.Parse(info)!["slots"]!.AsArray().Single(s => (int)s!["slot"]! == 3);
}
