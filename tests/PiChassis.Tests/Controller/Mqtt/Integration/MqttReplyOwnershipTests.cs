using System.Text;
using System.Text.Json.Nodes;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>
/// A requester may have replies only where it can read them itself (<c>pichassis/clients/&lt;client&gt;/…</c>),
/// and its request ids are its own: an id reused for another request is refused, not answered with the old one.
/// </summary>
public sealed class MqttReplyOwnershipTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    private readonly string _reply = $"pichassis/clients/test/{Guid.NewGuid():N}";

    [Theory]
    [InlineData("pichassis/sim/status")]
    [InlineData("pichassis/sim/slot/1/state")]
    [InlineData("pichassis/nodes/node01/cmd")]
    [InlineData("pichassis/clients/other")]
    public async Task Request_ResponseTopicNotUnderClients_NotAnsweredThereAndRejected(string target)
    {
        var id = $"inject-{Guid.NewGuid():N}";
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, target, "pichassis/sim/event", _reply);

        await client.PublishAsync("pichassis/sim/request/status", $$"""{"id":"{{id}}","targets":"slot:1"}""", responseTopic: target);
        var marker = await RequestAsync(client, "status", """{"id":"marker","targets":"slot:1"}""".Replace("marker", $"marker-{id}", StringComparison.Ordinal));
        var rejected = await client.WaitForAsync("pichassis/sim/event", p => p.Contains(id, StringComparison.Ordinal) && p.Contains("command_rejected", StringComparison.Ordinal), BrokerAndController.Patience);

        Assert.NotNull(marker);
        Assert.DoesNotContain(client.Messages(target), m => TestMqttClient.Text(m).Contains(id, StringComparison.Ordinal));
        Assert.NotNull(rejected);
        Assert.Equal(target, (string?)JsonNode.Parse(TestMqttClient.Text(rejected))!["detail"]!["response_topic"]);
    }

    [Fact]
    public async Task Request_IdReusedForAnotherVerb_RefusedAsIdReusedAndNothingSwitched()
    {
        var id = $"job-{Guid.NewGuid():N}";
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, _reply);
        var relays = rig.Controller.Relays();

        var status = await RequestAsync(client, "status", $$"""{"id":"{{id}}","targets":"slot:3"}""");
        var off = await RequestAsync(client, "power", $$"""{"id":"{{id}}","targets":"slot:3","state":"off","wait":"none"}""");

        Assert.Equal("ok", (string?)status!["status"]);
        Assert.Equal("error", (string?)off!["status"]);
        Assert.Equal("invalid_request", (string?)off["error"]!["code"]);
        Assert.Contains("id reused", (string?)off["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(relays, rig.Controller.Relays());
    }

    [Fact]
    public async Task Request_IdReusedWithOtherContent_RefusedButSameContentAnsweredAgain()
    {
        var id = $"job-{Guid.NewGuid():N}";
        var first = $$"""{"id":"{{id}}","targets":"slot:2"}""";
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, _reply);

        var answer = await RequestAsync(client, "status", first);
        var other = await RequestAsync(client, "status", $$"""{"id":"{{id}}","targets":"slot:4"}""");
        var again = await RequestAsync(client, "status", first);

        Assert.Equal("ok", (string?)answer!["status"]);
        Assert.Equal("error", (string?)other!["status"]);
        Assert.Contains("id reused", (string?)other["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(answer.ToJsonString(), again!.ToJsonString());
    }

    /// <summary>One request with its own correlation data; its reply, or null when none came.</summary>
    private async Task<JsonObject?> RequestAsync(TestMqttClient client, string verb, string payload)
    {
        var correlation = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        await client.PublishAsync($"pichassis/sim/request/{verb}", payload, responseTopic: _reply, correlation: correlation);
        var reply = await client.WaitForAsync(m => m.Topic == _reply && m.CorrelationData.AsSpan().SequenceEqual(correlation), BrokerAndController.Patience);
        return reply is null ? null : JsonNode.Parse(TestMqttClient.Text(reply))?.AsObject();
    }
}
