using System.Text;
using System.Text.Json.Nodes;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>
/// Hostile input, one kind per case: each gets the answer docs/mqtt-api.md gives (an <c>invalid_request</c> or
/// <c>unknown_target</c> response when an id can be read, a <c>command_rejected</c> event otherwise,
/// nothing for retained commands), no slot changes, and the controller keeps answering.
/// </summary>
public sealed class MqttBadInputTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    public enum Answer
    {
        InvalidRequest,
        UnknownTarget,
        Rejected,
        Ignored,
    }

    private static readonly string Huge = new('x', 9 * 1024);

    public static TheoryData<string, string, string, Answer> Cases => new()
    {
        { "not JSON", "request/power", "switch it off", Answer.Rejected },
        { "JSON array", "request/power", "[1,2,3]", Answer.Rejected },
        { "JSON string", "request/power", "\"off\"", Answer.Rejected },
        { "JSON number", "request/power", "42", Answer.Rejected },
        { "empty payload", "request/power", "", Answer.Rejected },
        { "no id", "request/power", """{"targets":"slot:1","state":"off"}""", Answer.Rejected },
        { "id not a string", "request/power", """{"id":7,"targets":"slot:1","state":"off"}""", Answer.Rejected },
        { "empty id", "request/power", """{"id":"","targets":"slot:1","state":"off"}""", Answer.Rejected },
        { "truncated JSON", "request/power", """{"id":"bad-trunc","targets":"slot:1","state":""", Answer.Rejected },
        { "nested 100 deep", "request/status", "{\"id\":\"bad-deep\",\"x\":" + new string('[', 100) + new string(']', 100) + "}", Answer.Rejected },
        { "oversize garbage", "request/power", Huge, Answer.Rejected },
        { "id of 65 characters", "request/power", $$"""{"id":"{{new string('i', 65)}}","targets":"slot:1","state":"off"}""", Answer.InvalidRequest },
        { "unknown verb", "request/explode", """{"id":"bad-verb","targets":"all"}""", Answer.InvalidRequest },
        { "state missing", "request/power", """{"id":"bad-nostate","targets":"slot:1"}""", Answer.InvalidRequest },
        { "state unknown", "request/power", """{"id":"bad-state","targets":"slot:1","state":"maybe"}""", Answer.InvalidRequest },
        { "state wrong type", "request/power", """{"id":"bad-statetype","targets":"slot:1","state":false}""", Answer.InvalidRequest },
        { "wait unknown", "request/power", """{"id":"bad-wait","targets":"slot:1","state":"off","wait":"soon"}""", Answer.InvalidRequest },
        { "timeout as text", "request/power", """{"id":"bad-tstext","targets":"slot:1","state":"off","timeout_s":"30"}""", Answer.InvalidRequest },
        { "timeout negative", "request/cycle", """{"id":"bad-tsneg","targets":"slot:1","timeout_s":-5}""", Answer.InvalidRequest },
        { "targets missing", "request/power", """{"id":"bad-notargets","state":"off"}""", Answer.InvalidRequest },
        { "targets wrong type", "request/power", """{"id":"bad-targettype","targets":["node01"],"state":"off"}""", Answer.InvalidRequest },
        { "hostlist unclosed", "request/power", """{"id":"bad-unclosed","targets":"node[01-","state":"off"}""", Answer.InvalidRequest },
        { "hostlist backwards", "request/power", """{"id":"bad-backwards","targets":"node[04-01]","state":"off"}""", Answer.InvalidRequest },
        { "hostlist explodes", "request/power", """{"id":"bad-explode","targets":"node[0-99999999]","state":"off"}""", Answer.InvalidRequest },
        { "slot zero", "request/power", """{"id":"bad-slot0","targets":"slot:0","state":"off"}""", Answer.InvalidRequest },
        { "slot out of range", "request/power", """{"id":"bad-slot99","targets":"slot:1,99","state":"off"}""", Answer.InvalidRequest },
        { "unknown node", "request/power", """{"id":"bad-node","targets":"node01,node99","state":"off"}""", Answer.UnknownTarget },
        { "source too long", "request/power", """{"id":"bad-source","targets":"slot:1","state":"off","source":"a scheduler with a very long name"}""", Answer.InvalidRequest },
        { "policy unknown", "request/policy", """{"id":"bad-policy","targets":"slot:1","policy":"sometimes"}""", Answer.InvalidRequest },
        { "capacity nodes as text", "request/capacity", """{"id":"bad-capacity","nodes":"three"}""", Answer.InvalidRequest },
        { "events limit too high", "request/events", """{"id":"bad-limit","limit":5000}""", Answer.InvalidRequest },
        { "energy period unknown", "request/energy", """{"id":"bad-period","period":"week"}""", Answer.InvalidRequest },
        { "oversize with id", "request/power", $$"""{"id":"bad-big","targets":"slot:1","state":"off","pad":"{{Huge}}"}""", Answer.InvalidRequest },
        { "set: slot not a number", "slot/abc/set", "OFF", Answer.Rejected },
        { "set: slot zero", "slot/0/set", "OFF", Answer.Rejected },
        { "set: slot out of range", "slot/99/set", "OFF", Answer.Rejected },
        { "set: unknown command", "slot/1/set", "DANCE", Answer.Rejected },
        { "set: empty", "slot/1/set", "", Answer.Rejected },
        { "set: two fields", "slot/1/set", """{"power":"off","action":"cycle"}""", Answer.Rejected },
        { "set: wrong type", "slot/1/set", """{"power":false}""", Answer.Rejected },
        { "set: policy unknown", "slot/1/set", """{"policy":"sometimes"}""", Answer.Rejected },
        { "set: broken JSON", "slot/1/set", """{"power":""", Answer.Rejected },
        { "set: oversize", "slot/1/set", "OFF" + Huge, Answer.Rejected },
        { "retained request", "request/power", """{"id":"bad-retained","targets":"slot:1","state":"off"}""", Answer.Ignored },
        { "retained set", "slot/1/set", "OFF", Answer.Ignored },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_EachKind_GetsTheContractsAnswerAndNothingMoves(string kind, string topic, string payload, Answer answer)
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/response/#", "pichassis/sim/event");
        var relays = rig.Controller.Relays();
        var states = await Slots();
        var retained = answer == Answer.Ignored;

        await MosquittoClients.PublishBytesAsync(rig.Port, $"pichassis/sim/{topic}", Encoding.UTF8.GetBytes(payload), version: kind.Length % 2 == 0 ? "5" : "311", retain: retained);

        switch (answer)
        {
            case Answer.InvalidRequest or Answer.UnknownTarget:
                var response = await client.WaitForAsync(m => m.Topic.StartsWith("pichassis/sim/response/", StringComparison.Ordinal), BrokerAndController.Patience);
                Assert.NotNull(response);
                var json = JsonNode.Parse(TestMqttClient.Text(response))!;
                Assert.Equal("error", (string?)json["status"]);
                Assert.Equal(answer == Answer.UnknownTarget ? "unknown_target" : "invalid_request", (string?)json["error"]!["code"]);
                Assert.False(string.IsNullOrEmpty((string?)json["id"]));
                Assert.Equal($"pichassis/sim/response/{topic.Split('/')[1]}", response.Topic);
                break;
            case Answer.Rejected:
                var rejected = await client.WaitForAsync("pichassis/sim/event", p => p.Contains("command_rejected", StringComparison.Ordinal), BrokerAndController.Patience);
                Assert.NotNull(rejected);
                var detail = JsonNode.Parse(TestMqttClient.Text(rejected))!["detail"]!;
                Assert.Equal($"pichassis/sim/{topic}", (string?)detail["topic"]);
                Assert.Equal("invalid_request", (string?)detail["code"]);
                break;
            default:
                await rig.SettleAsync(client);
                Assert.DoesNotContain(client.Messages(), m => m.Topic.StartsWith("pichassis/sim/", StringComparison.Ordinal));
                await MosquittoClients.PublishAsync(rig.Port, $"pichassis/sim/{topic}", "", retain: true);
                break;
        }

        Assert.Equal(relays, rig.Controller.Relays());
        Assert.Equal(states, await Slots());
    }

    [Theory]
    [InlineData("request/power")]
    [InlineData("slot/1/set")]
    public async Task BadInput_NotUtf8_Rejected(string topic)
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/event");
        var relays = rig.Controller.Relays();

        await MosquittoClients.PublishBytesAsync(rig.Port, $"pichassis/sim/{topic}", [0x7B, 0xFF, 0xFE, 0xC3, 0x28, 0x7D]);

        // A refusal of the same slot and reason within 10 s of an earlier test's comes in the digest at the interval's end.
        var rejected = await client.WaitForAsync("pichassis/sim/event",
            p => p.Contains("command_rejected", StringComparison.Ordinal) && p.Contains($"\"pichassis/sim/{topic}\"", StringComparison.Ordinal), BrokerAndController.Patience);
        Assert.NotNull(rejected);
        Assert.Equal(relays, rig.Controller.Relays());
    }

    [Fact]
    public async Task SetOnASlotTheChassisHasNot_ChassisEventAndNothingOnThatSlotsTopics()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/event", "pichassis/sim/slot/+/event");

        await MosquittoClients.PublishAsync(rig.Port, "pichassis/sim/slot/77777/set", "ON");

        var rejected = await client.WaitForAsync("pichassis/sim/event",
            p => p.Contains("command_rejected", StringComparison.Ordinal) && p.Contains("\"pichassis/sim/slot/77777/set\"", StringComparison.Ordinal), BrokerAndController.Patience);
        Assert.NotNull(rejected);
        Assert.Null(JsonNode.Parse(TestMqttClient.Text(rejected))!["slot"]);
        Assert.Empty(client.Messages("pichassis/sim/slot/77777/event"));
    }

    [Fact]
    public async Task Flood_ThousandsOfMessages_RefusedBeyondTheRateAndTheControllerStaysUp()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/sim/response/status");
        var relays = rig.Controller.Relays();
        var rejectedBefore = rig.Controller.Journal.Read(0, 100_000).Count(e => e.Type == "command_rejected");

        await Task.WhenAll(
            MosquittoClients.PublishLinesAsync(rig.Port, "pichassis/sim/request/power", Enumerable.Range(0, 2000).Select(i => $"garbage {i}")),
            MosquittoClients.PublishLinesAsync(rig.Port, "pichassis/sim/slot/1/set", Enumerable.Repeat("EXPLODE", 1000)),
            MosquittoClients.PublishLinesAsync(rig.Port, "pichassis/sim/request/status", Enumerable.Range(0, 1000).Select(i => $$"""{"id":"flood-{{i}}"}""")));
        var limited = await client.WaitForAsync("pichassis/sim/response/status", p => p.Contains("rate_limited", StringComparison.Ordinal), BrokerAndController.Patience);
        await rig.SettleAsync();

        Assert.NotNull(limited);
        Assert.Equal(relays, rig.Controller.Relays());
        var journalled = rig.Controller.Journal.Read(0, 100_000).Count(e => e.Type == "command_rejected") - rejectedBefore;
        Assert.InRange(journalled, 1, 300);
        // The flood emptied the shared client's bucket: a scheduler coming back after it refills is served.
        await Task.Delay(2000);
        var after = await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/status", """{"id":"after-flood","targets":"slot:1"}""");
        Assert.Equal("ok", (string?)JsonNode.Parse(after)!["status"]);
    }

    private Task<List<(bool, string, string, bool, string)>> Slots() =>
        rig.Controller.Loop.RunAsync(e => e.States.Select(s => (s.Power, s.Phase.ToString(), s.Policy.ToString(), s.Locked, s.Node)).ToList());
}
