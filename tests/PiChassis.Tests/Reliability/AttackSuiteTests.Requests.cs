using MQTTnet;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Reliability;

public sealed partial class AttackSuiteTests
{
    /// <summary>
    /// Finding 5. slurm asks for <c>status</c> on its own request level naming as response topic a
    /// chassis' status, a slot's state, node01's command topic and dashboard's reply level: topics the
    /// controller's account may write, so only the controller stands in the way (on the chassis'
    /// request topic, which could not tell slurm from dashboard, the shipped ACL lets no one ask). The
    /// dashboard then gets its own marker answer, after anything the injected requests could have caused.
    /// </summary>
    [Fact]
    public async Task ReplyInjection_ResponseTopicsOutsideTheRequestersLevel_NoReplyThereAndEachRejected()
    {
        await using var rig = await AttackRig.StartBrokerAsync(["dashboard", "node01"], ["node01"]);
        await rig.StartControllerAsync();
        string[] targets = [$"{AttackRig.Base}/status", $"{AttackRig.Base}/slot/1/state", "pichassis/nodes/node01/cmd", "pichassis/clients/dashboard/reply"];
        await using var dashboard = await rig.ConnectAsync("dashboard", targets[0], targets[1]);
        await using var node01 = await rig.ConnectAsync("node01", targets[2]);
        await using var slurm = await rig.ConnectAsync("slurm");
        var ids = targets.Select(_ => rig.NextId("inject")).ToArray();

        for (var i = 0; i < targets.Length; i++)
        {
            await slurm.PublishAsync(AttackRig.RequestTopic("slurm", "status"), $$"""{"id":"{{ids[i]}}","targets":"all"}""", responseTopic: targets[i]);
        }

        await rig.SettleAsync();
        Assert.NotNull(await rig.RequestAsync(dashboard, "dashboard", "status", $$"""{"id":"{{rig.NextId("marker")}}","targets":"slot:1"}"""));
        var replies = dashboard.Messages().Concat(node01.Messages())
            .Count(m => targets.Contains(m.Topic) && ids.Any(id => TestMqttClient.Text(m).Contains(id, StringComparison.Ordinal)));
        // The first refusal is journalled at once; the rest of the digest interval follow as one event with their count.
        var journalled = await WaitUntilAsync(() => Refusals(rig, targets).Sum(r => r.Count) >= targets.Length, RejectionDigest.Interval + AttackRig.Patience);
        var refusals = Refusals(rig, targets);

        Row("reply injection: replies on foreign topics", replies);
        Row("reply injection: refusals journalled", refusals.Sum(r => r.Count));
        Assert.Equal(0, replies);
        Assert.True(journalled, $"journalled refusals: {string.Join(", ", refusals)}");
        Assert.Equal(targets.Length, refusals.Sum(r => r.Count));
        Assert.Equal(targets[0], refusals[0].Topic);
        Assert.Equal(targets[^1], refusals[^1].Topic);
    }

    /// <summary>
    /// Behind Mosquitto the chassis' request topic cannot tell who asks: slurm naming dashboard's level
    /// there could spend dashboard's rate and ids and answer into its level. The shipped ACL refuses that
    /// topic to every requester, and dashboard's own request level to slurm: nothing reaches the controller.
    /// </summary>
    [Fact]
    public async Task RequestInAnothersName_ChassisTopicAndAnothersLevel_RefusedByTheBrokerAndNeverAnswered()
    {
        await using var rig = await AttackRig.StartBrokerAsync(["dashboard"], ["node01"]);
        await rig.StartControllerAsync();
        await using var dashboard = await rig.ConnectAsync("dashboard");
        await using var slurm = await rig.ConnectAsync("slurm");
        var asDashboard = $"pichassis/clients/dashboard/{rig.NextId("stolen")}";
        string[] topics = [$"{AttackRig.Base}/request/power", AttackRig.RequestTopic("dashboard", "power")];

        var refusedByBroker = 0;
        foreach (var topic in topics)
        {
            var result = await slurm.PublishAsync(topic, $$"""{"id":"{{rig.NextId("stolen")}}","targets":"slot:1","state":"off","wait":"none"}""", responseTopic: asDashboard);
            refusedByBroker += result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized ? 1 : 0;
        }

        await rig.SettleAsync();
        Assert.NotNull(await rig.RequestAsync(dashboard, "dashboard", "status", $$"""{"id":"{{rig.NextId("marker")}}","targets":"slot:1"}"""));

        Row("request in another's name: refused by the broker", refusedByBroker);
        Assert.Equal(topics.Length, refusedByBroker);
        Assert.Empty(dashboard.Messages(asDashboard));
        Assert.DoesNotContain(rig.Events(), e => e.Type == EventTypes.PowerOff);
    }

    /// <summary>The command_rejected events for requests that named one of <paramref name="targets"/> as response topic.</summary>
    private static List<(string? Topic, int Count)> Refusals(AttackRig rig, string[] targets) =>
    [
        .. rig.Events().Where(e => e.Type == EventTypes.CommandRejected)
            .Select(e => ((string?)e.Detail?["response_topic"], (int?)e.Detail?["count"] ?? 0))
            .Where(r => targets.Contains(r.Item1)),
    ];

    /// <summary>
    /// Finding 6. slurm asks for <c>status</c> with id job-1001, then for <c>power off</c> of slot 2
    /// with the same id: refused as <c>id reused</c>, not answered with the status, and no relay moves.
    /// </summary>
    [Fact]
    public async Task IdReuse_StatusThenPowerOffWithTheSameId_RefusedAndNoRelayMoves()
    {
        await using var rig = await AttackRig.StartBrokerAsync([], ["node01"]);
        await rig.StartControllerAsync();
        await using var slurm = await rig.ConnectAsync("slurm");
        var audit = new RelayAudit(Path.Combine(rig.Controller.DataDir, "relay-writes.log"), rig.Controller.Journal);
        var relays = rig.Controller.Relays();

        var status = await rig.RequestAsync(slurm, "slurm", "status", """{"id":"job-1001","targets":"slot:2"}""");
        var off = await rig.RequestAsync(slurm, "slurm", "power", """{"id":"job-1001","targets":"slot:2","state":"off","wait":"none"}""");
        await rig.SettleAsync();

        var answeredWithStatus = off is not null && status is not null && off.ToJsonString() == status.ToJsonString() ? 1 : 0;
        Row("id reuse: answered with the status answer", answeredWithStatus);
        Row("id reuse: relay changes not asked for", audit.Changes);
        Assert.Equal("ok", Status(status));
        Assert.Equal(0, answeredWithStatus);
        Assert.Equal("error", Status(off));
        Assert.Equal("invalid_request", (string?)off!["error"]!["code"]);
        Assert.Contains("id reused", (string?)off["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(0, audit.Changes);
        Assert.Equal(relays, rig.Controller.Relays());
    }
}
