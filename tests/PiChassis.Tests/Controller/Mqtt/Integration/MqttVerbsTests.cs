using System.Text.Json.Nodes;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>The stock Mosquitto clients as the scheduler: every verb answered over MQTT 5 and 3.1.1.</summary>
public sealed class MqttVerbsTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    public static TheoryData<string, string, string> Verbs => new()
    {
        { "power", """{"targets":"slot:1","state":"off","wait":"none","source":"slurm"}""", "ok" },
        { "cycle", """{"targets":"slot:2","wait":"none"}""", "ok" },
        { "restart", """{"targets":"node03","wait":"none"}""", "ok" },
        { "clear_fault", """{"targets":"all"}""", "ok" },
        { "identify", """{"targets":"node04"}""", "ok" },
        { "lock", """{"targets":"slot:4"}""", "ok" },
        { "unlock", """{"targets":"slot:4"}""", "ok" },
        { "policy", """{"targets":"slot:4","policy":"auto"}""", "ok" },
        { "capacity", """{"nodes":2}""", "ok" },
        { "status", """{"targets":"all"}""", "ok" },
        { "energy", """{"period":"today"}""", "ok" },
        { "events", """{"since_seq":0,"limit":10}""", "ok" },
    };

    private static string WithId(string payload, string id) => payload.Insert(1, $"\"id\":\"{id}\",");

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Request_Mqtt5WithResponseTopic_AnsweredThere(string verb, string payload, string status)
    {
        var id = $"v5-{verb}";

        var response = await MosquittoClients.RequestAsync(rig.Port, $"pichassis/sim/request/{verb}", WithId(payload, id));

        var json = JsonNode.Parse(response ?? "null")?.AsObject();
        Assert.NotNull(json);
        Assert.Equal(id, (string?)json["id"]);
        Assert.Equal(status, (string?)json["status"]);
        Assert.NotNull((string?)json["ts"]);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Request_Mqtt311_AnsweredOnResponseVerb(string verb, string payload, string status)
    {
        var id = $"v311-{verb}";

        var response = await MosquittoClients.RequestV311Async(rig.Port, $"pichassis/sim/request/{verb}", WithId(payload, id), $"pichassis/sim/response/{verb}");

        var json = JsonNode.Parse(response ?? "null")?.AsObject();
        Assert.NotNull(json);
        Assert.Equal(id, (string?)json["id"]);
        Assert.Equal(status, (string?)json["status"]);
    }

    [Fact]
    public async Task Status_AllTargets_GivesStateAndTelemetryAsPublished()
    {
        var response = JsonNode.Parse((await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/status", """{"id":"st1"}"""))!)!;

        var results = response["results"]!.AsArray();
        Assert.Equal(4, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal((int)r!["slot"]!, (int)r["state"]!["slot"]!);
            Assert.NotNull(r["telemetry"]!["power_w"]);
            Assert.True(r["state"]!.AsObject().ContainsKey("fault"));
        });
    }

    [Fact]
    public async Task Events_SinceSeq_InOrderWithLastSeq()
    {
        var response = JsonNode.Parse((await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/events", """{"id":"ev1","since_seq":0,"limit":1000}"""))!)!;

        var seqs = response["events"]!.AsArray().Select(e => (long)e!["seq"]!).ToList();
        Assert.NotEmpty(seqs);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(n => (long)n), seqs);
        Assert.True((long)response["last_seq"]! >= seqs[^1]);
    }

    [Fact]
    public async Task Energy_Total_PerSlotAndChassis()
    {
        var response = JsonNode.Parse((await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/energy", """{"id":"en1","targets":"slot:1-2"}"""))!)!;

        Assert.Equal(2, response["results"]!.AsArray().Count);
        Assert.True((double)response["chassis_energy_wh"]! >= response["results"]!.AsArray().Sum(r => (double)r!["energy_wh"]!));
    }

    [Fact]
    public async Task Request_Mqtt5CorrelationData_Echoed()
    {
        await using var client = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/clients/test/correlation");
        byte[] correlation = [1, 2, 3, 250];

        await client.PublishAsync("pichassis/sim/request/status", """{"id":"corr1","targets":"slot:1"}""", responseTopic: "pichassis/clients/test/correlation", correlation: correlation);

        var reply = await client.WaitForAsync(m => m.Topic == "pichassis/clients/test/correlation", BrokerAndController.Patience);
        Assert.NotNull(reply);
        Assert.Equal(correlation, reply.CorrelationData);
    }

    [Fact]
    public async Task Request_RepeatedId_FirstResponseAgainAndDoneOnce()
    {
        // Answered once the relay closed again, so what the cycle does is done when it is counted.
        const string Request = """{"id":"once-1","targets":"slot:2","wait":"relay","timeout_s":30,"source":"once-test"}""";
        int Done() => rig.Controller.Journal.Read(0, 10_000).Count(e => e.Source == "once-test");

        var first = await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/cycle", Request);
        await rig.SettleAsync();
        var doneOnce = Done();
        var second = await MosquittoClients.RequestAsync(rig.Port, "pichassis/sim/request/cycle", Request);
        await rig.SettleAsync();

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.True(doneOnce > 0);
        Assert.Equal(doneOnce, Done());
    }
}
