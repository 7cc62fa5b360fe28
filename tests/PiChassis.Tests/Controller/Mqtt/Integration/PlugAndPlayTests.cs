using System.Text.Json.Nodes;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>A board from elsewhere slid into slot 3: its first heartbeat during the boot names the slot.</summary>
public sealed class PlugAndPlayTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    [Fact]
    public async Task Cycle_AnotherBoardInTheSlot_LearnsItsNameAndTellsEveryone()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/info", "pichassis/sim/slot/3/event");
        rig.Controller.Agents.SetBoardName(3, "node42");

        var cycle = JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/cycle",
            """{"id":"pnp-1","targets":"slot:3","wait":"relay","timeout_s":30}""", waitS: 40))!;

        Assert.Equal("ok", (string?)cycle["status"]);
        var info = await client.WaitForAsync("pichassis/sim/info", p => p.Contains("node42", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var slot3 = JsonNode.Parse(TestMqttClient.Text(info!))!["slots"]!.AsArray().Single(s => (int)s!["slot"]! == 3)!;
        Assert.Equal("node42", (string?)slot3["node"]);
        Assert.Equal("node03", (string?)slot3["configured_node"]);
        var identified = await client.WaitForAsync("pichassis/sim/slot/3/event", p => p.Contains(NodeIdentity.EventType, StringComparison.Ordinal), BrokerAndController.Patience);
        Assert.Equal("node03", (string?)JsonNode.Parse(TestMqttClient.Text(identified!))!["detail"]!["configured_node"]);
        Assert.Contains("node42", await File.ReadAllTextAsync(Path.Combine(rig.Controller.DataDir, NodeMapFile.FileName)), StringComparison.Ordinal);
        var status = JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/status", """{"id":"pnp-2","targets":"node42"}"""))!;
        Assert.Equal(3, (int)status["results"]![0]!["slot"]!);
    }
}
