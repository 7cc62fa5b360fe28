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
    public async Task OwnedRequest_ResponseTopicOfAnotherClient_NotAnsweredThereAndRejected()
    {
        var id = $"inject-{Guid.NewGuid():N}";
        var target = $"pichassis/clients/other/{Guid.NewGuid():N}";
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, target, "pichassis/sim/event", _reply);

        await client.PublishAsync("pichassis/requests/test/sim/status", $$"""{"id":"{{id}}","targets":"slot:1"}""", responseTopic: target);
        var marker = await RequestAsync(client, "status", $$"""{"id":"marker-{{id}}","targets":"slot:1"}""", "pichassis/requests/test/sim");
        var rejected = await client.WaitForAsync("pichassis/sim/event", p => p.Contains(id, StringComparison.Ordinal) && p.Contains("command_rejected", StringComparison.Ordinal), BrokerAndController.Patience);

        Assert.NotNull(marker);
        Assert.Empty(client.Messages(target));
        Assert.NotNull(rejected);
        Assert.Equal(target, (string?)JsonNode.Parse(TestMqttClient.Text(rejected))!["detail"]!["response_topic"]);
    }

    [Fact]
    public async Task OwnedRequest_WithoutResponseTopic_AnsweredOnTheRequestersOwnResponseTopic()
    {
        var client = $"c{Guid.NewGuid():N}";
        var answers = $"pichassis/clients/{client}/response/sim/status";
        await using var mqtt = await TestMqttClient.ConnectAsync(rig.Port, null, answers, "pichassis/sim/response/#");

        await mqtt.PublishAsync($"pichassis/requests/{client}/sim/status", """{"id":"own-1","targets":"slot:1"}""");

        var answer = await mqtt.WaitForAsync(answers, p => p.Contains("\"own-1\"", StringComparison.Ordinal), BrokerAndController.Patience);
        Assert.NotNull(answer);
        Assert.Equal("ok", (string?)JsonNode.Parse(TestMqttClient.Text(answer))!["status"]);
        Assert.DoesNotContain(mqtt.Messages(), m => m.Topic.StartsWith("pichassis/sim/response/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OwnedRequest_IdsBelongToTheRequestersLevel_AnotherLevelsSameIdIsItsOwn()
    {
        var id = $"job-{Guid.NewGuid():N}";
        var (first, second) = ($"a{Guid.NewGuid():N}", $"b{Guid.NewGuid():N}");
        await using var a = await TestMqttClient.ConnectAsync(rig.Port, null, $"pichassis/clients/{first}/#");
        await using var b = await TestMqttClient.ConnectAsync(rig.Port, null, $"pichassis/clients/{second}/#");

        var mine = await RequestAsync(a, "status", $$"""{"id":"{{id}}","targets":"slot:2"}""", $"pichassis/requests/{first}/sim", $"pichassis/clients/{first}/r");
        var theirs = await RequestAsync(b, "status", $$"""{"id":"{{id}}","targets":"slot:4"}""", $"pichassis/requests/{second}/sim", $"pichassis/clients/{second}/r");

        Assert.Equal("ok", (string?)mine!["status"]);
        Assert.Equal("ok", (string?)theirs!["status"]);
        Assert.Equal(4, (int?)theirs["results"]![0]!["slot"]);
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

    /// <summary>One request on <paramref name="requestBase"/>/verb with its own correlation data; its reply, or null when none came.</summary>
    private async Task<JsonObject?> RequestAsync(TestMqttClient client, string verb, string payload, string requestBase = "pichassis/sim/request", string? reply = null)
    {
        reply ??= _reply;
        var correlation = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        await client.PublishAsync($"{requestBase}/{verb}", payload, responseTopic: reply, correlation: correlation);
        var answer = await client.WaitForAsync(m => m.Topic == reply && m.CorrelationData.AsSpan().SequenceEqual(correlation), BrokerAndController.Patience);
        return answer is null ? null : JsonNode.Parse(TestMqttClient.Text(answer))?.AsObject();
    }
}
