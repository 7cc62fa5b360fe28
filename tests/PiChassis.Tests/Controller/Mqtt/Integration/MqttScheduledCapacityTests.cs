using System.Globalization;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>Scheduled capacity through the real request path: Mosquitto's clients as two requesters, the controller's store and journal.</summary>
public sealed class MqttScheduledCapacityTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<JsonObject> AskAsync(string client, string payload) =>
        JsonNode.Parse(await MosquittoClients.RequestAsync(rig.Port, $"pichassis/requests/{client}/sim/capacity", payload, client: client))!.AsObject();

    [Fact]
    public async Task Capacity_ScheduledListedThenCancelledByItsRequesterOnly()
    {
        var at = DateTimeOffset.UtcNow.AddHours(1);

        var made = await AskAsync("slurm", $$"""{"id":"s1","nodes":1,"min_spare":0,"at":"{{Time(at)}}","until":"{{Time(at.AddHours(2))}}","source":"nightly"}""");
        var id = (string?)made["capacity"]?["schedule_id"];
        var listed = await AskAsync("dash", """{"id":"s2","action":"list"}""");
        var stranger = await AskAsync("dash", $$"""{"id":"s3","action":"cancel","schedule_id":"{{id}}"}""");
        var owner = await AskAsync("slurm", $$"""{"id":"s4","action":"cancel","schedule_id":"{{id}}"}""");
        var after = await AskAsync("slurm", """{"id":"s5","action":"list"}""");
        await rig.SettleAsync();

        Assert.Equal("ok", (string?)made["status"]);
        Assert.NotNull(id);
        var entry = Assert.Single(listed["capacity"]!["schedules"]!.AsArray(), e => (string?)e!["schedule_id"] == id)!;
        Assert.Equal(("slurm", "nightly", 1, Time(at), false), ((string?)entry["requester"], (string?)entry["source"], (int?)entry["nodes"], (string?)entry["at"], (bool?)entry["active"]));
        Assert.Equal(("error", "invalid_request"), ((string?)stranger["status"], (string?)stranger["error"]?["code"]));
        Assert.Contains("belongs to requester 'slurm'", (string?)stranger["error"]?["message"], StringComparison.Ordinal);
        Assert.Equal(("ok", id), ((string?)owner["status"], (string?)owner["capacity"]?["schedule_id"]));
        Assert.DoesNotContain(after["capacity"]!["schedules"]!.AsArray(), e => (string?)e!["schedule_id"] == id);
        var changes = rig.Controller.Journal.Read(0, 10_000)
            .Where(e => e.Type == EventTypes.CapacityScheduled && (string?)e.Detail?["schedule_id"] == id)
            .Select(e => ((string?)e.Detail?["change"], e.Source));
        Assert.Equal([("added", "nightly"), ("cancelled", "mqtt")], changes);
    }

    [Fact]
    public async Task Capacity_ScheduledOverWhatTheChassisCanRun_RefusedWithHowFarItCouldGo()
    {
        var at = DateTimeOffset.UtcNow.AddHours(1);

        var refused = await AskAsync("slurm", $$"""{"id":"b1","nodes":99,"at":"{{Time(at)}}"}""");
        var list = await AskAsync("slurm", """{"id":"b2","action":"list"}""");

        Assert.Equal(("error", "budget_exceeded"), ((string?)refused["status"], (string?)refused["error"]?["code"]));
        var achievable = (int)refused["capacity"]!["achievable"]!;
        Assert.Contains($"99 nodes scheduled, {achievable} can run", (string?)refused["error"]?["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(list["capacity"]!["schedules"]!.AsArray(), e => (int?)e!["nodes"] == 99);
    }

    [Fact]
    public async Task Capacity_AtInThePast_InvalidRequestNothingKept()
    {
        var before = await AskAsync("slurm", """{"id":"p0","action":"list"}""");
        var refused = await AskAsync("slurm", $$"""{"id":"p1","nodes":1,"at":"{{Time(DateTimeOffset.UtcNow.AddMinutes(-1))}}"}""");
        var after = await AskAsync("slurm", """{"id":"p2","action":"list"}""");

        Assert.Equal(("error", "invalid_request"), ((string?)refused["status"], (string?)refused["error"]?["code"]));
        Assert.Contains("is not in the future", (string?)refused["error"]?["message"], StringComparison.Ordinal);
        Assert.Equal(before["capacity"]!["schedules"]!.ToJsonString(), after["capacity"]!["schedules"]!.ToJsonString());
    }
}
