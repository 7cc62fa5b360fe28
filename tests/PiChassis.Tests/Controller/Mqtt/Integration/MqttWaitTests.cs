using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary><c>wait</c>: <c>relay</c> answers once the relay switched, <c>ready</c> once the node is up (or off), within <c>timeout_s</c>.</summary>
public sealed class MqttWaitTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    private static readonly string[] NotYetUp = ["queued", "booting"];

    private async Task<JsonNode> Request(string verb, string payload, int waitS = 90) =>
        JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, $"pichassis/sim/request/{verb}", payload, waitS) ?? "null")!;

    [Fact]
    public async Task WaitReady_OffThenOn_AnsweredWhenOffAndWhenTheNodeIsUp()
    {
        var off = await Request("power", """{"id":"ready-off","targets":"node02","state":"off","wait":"ready","timeout_s":60}""");
        Assert.Equal("ok", (string?)off["status"]);
        Assert.Equal("off", (string?)off["results"]![0]!["phase"]);
        Assert.False(rig.Controller.Chassis.Slot(2).RelayInputClosed);

        var on = await Request("power", """{"id":"ready-on","targets":"node02","state":"on","wait":"ready","timeout_s":80}""");

        Assert.Equal("ok", (string?)on["status"]);
        Assert.Equal("on", (string?)on["results"]![0]!["phase"]);
        Assert.Equal(SlotPhase.On, (await rig.Controller.StateAsync(2)).Phase);
        Assert.True(rig.Controller.Chassis.Slot(2).RelayInputClosed);
    }

    [Fact]
    public async Task WaitRelay_PowerOnAfterForceOff_AnsweredWhenTheRelayClosed()
    {
        await Request("power", """{"id":"relay-off","targets":"slot:4","state":"force_off","wait":"relay"}""");

        var on = await Request("power", """{"id":"relay-on","targets":"slot:4","state":"on","wait":"relay","timeout_s":30}""");

        Assert.Equal("ok", (string?)on["status"]);
        Assert.Equal("booting", (string?)on["results"]![0]!["phase"]);
        Assert.True(rig.Controller.Chassis.Slot(4).RelayInputClosed);
    }

    [Fact]
    public async Task WaitReady_ShortTimeout_AnswersTimeoutAndTheCommandGoesOn()
    {
        await Request("power", """{"id":"slow-off","targets":"slot:3","state":"force_off","wait":"relay"}""");

        var on = await Request("power", """{"id":"slow-on","targets":"slot:3","state":"on","wait":"ready","timeout_s":1}""");

        Assert.Equal("error", (string?)on["status"]);
        Assert.Equal("timeout", (string?)on["error"]!["code"]);
        Assert.Equal("timeout", (string?)on["results"]![0]!["error"]!["code"]);
        Assert.Contains((string?)on["results"]![0]!["phase"], NotYetUp);
        for (var i = 0; i < 200 && !rig.Controller.Chassis.Slot(3).RelayInputClosed; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(rig.Controller.Chassis.Slot(3).RelayInputClosed);
    }
}
