using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.Controller.Storage;
using PiChassis.Tests.TestSupport;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// A client gone wild: for <see cref="ReliabilitySettings.FloodLength"/> it publishes <see cref="ReliabilitySettings.FloodRate"/> messages a second on
/// every topic a scheduler may write (slot shortcuts on a locked slot, switching and status requests on
/// the chassis' request topic and on the flooder's own request level, malformed JSON), while an operator asks for <c>status</c> every half second. The controller process
/// must keep answering within a second, keep the security events raised before the flood in its
/// journal, and stop within 10 s of SIGTERM afterwards. Its RSS is printed, not asserted: against the
/// 100 MB goal this JIT build measures 91-101 MB, too close for a pass/fail on a shared machine; the
/// shipped Native AOT build (run it here with <see cref="ControllerProcess.PublishedVariable"/>) 41-58 MB.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(FloodsRunAlone.Name)]
public sealed class FloodAttackTests(ITestOutputHelper output) : IDisposable
{
    private const string Base = "pichassis/sim";
    private const string Reply = "pichassis/clients/operator/reply";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StatusWithin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    // The shipped build (Native AOT) carries GCgen0size=1 MiB as a runtime option (see the controller's
    // project file); the JIT build reads that knob only from the environment, so the test gives it the
    // same to measure the memory the product keeps, not what a PC's large L3 cache lets the GC defer.
    internal static readonly Dictionary<string, string> ShippedGc = new() { ["DOTNET_GCgen0size"] = "100000" };
    private readonly TempDataDir _dir = new();
    private int _requests;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Flood_EveryTopicASchedulerMayWrite_StatusAnsweredAuditTrailKeptStopsInTime()
    {
        // The flooder's loop keeps a pool thread of this process busy; with the pool's default two on this
        // machine the operator's client waited for the pool to grow (0.5-1 s seen) while the controller had
        // answered within a millisecond. Measure the controller, not this process.
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), ports);
        await using var broker = await MosquittoBroker.StartAsync();
        using var controller = ControllerProcess.Start(ShippedGc,
            "--simulate", "--slots", "4", "--data-dir", _dir.Path, "--ConsoleView:Enabled=false",
            "--Mqtt:Embedded=false", "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}");
        await using var operatorClient = await TestMqttClient.ConnectAsync(broker.Port, null, $"{Base}/status", Reply);
        Assert.True(await operatorClient.WaitForAsync($"{Base}/status", p => p == "online", Patience) is not null, controller.Output);

        // Security-relevant events before the flood: a forced cut, and a lock that makes every shortcut of the flood a refusal.
        await RequestAsync(operatorClient, "power", """{"targets":"slot:2","state":"on","wait":"relay","source":"operator"}""", Patience);
        var cut = await RequestAsync(operatorClient, "power", """{"targets":"slot:2","state":"force_off","source":"operator"}""", Patience);
        Assert.Equal("ok", (string?)cut?["status"]);
        Assert.Equal("ok", (string?)(await RequestAsync(operatorClient, "lock", """{"targets":"slot:1","source":"operator"}""", Patience))?["status"]);
        var before = await EventsAsync(operatorClient);
        var forcedCut = before.Last(e => (string?)e["event_type"] == EventTypes.PowerOff && (int?)e["slot"] == 2);

        using var stop = new CancellationTokenSource(ReliabilitySettings.FloodLength);
        var flood = Task.Run(() => FloodAsync(broker.Port, stop.Token));
        var took = new List<TimeSpan>();
        var unanswered = 0;
        long peakRssKb = 0;
        while (!stop.IsCancellationRequested)
        {
            var (answer, statusTook) = await TimedStatusAsync(operatorClient);
            unanswered += answer is null ? 1 : 0;
            took.Add(statusTook);
            peakRssKb = Math.Max(peakRssKb, RssKb(controller.Id));
            await Task.Delay(500);
        }

        var sent = await flood;
        var slowest = took.Max();
        var (after, afterTook) = await TimedStatusAsync(operatorClient);
        var journal = await EventsAsync(operatorClient);
        var rejectedRows = journal.Count(e => (string?)e["event_type"] == EventTypes.CommandRejected);
        var stopwatch = Stopwatch.StartNew();
        controller.Terminate();
        var exitCode = await controller.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var stoppedIn = stopwatch.Elapsed;

        ReliabilitySummary.Add(output, "attack", "flood messages sent", sent);
        ReliabilitySummary.Add(output, "attack", "flood: messages a second", sent / ReliabilitySettings.FloodLength.TotalSeconds, "N0");
        ReliabilitySummary.Add(output, "attack", "flood: status median answer (ms)", took.Order().ElementAt(took.Count / 2).TotalMilliseconds, "F0");
        ReliabilitySummary.Add(output, "attack", "flood: status slowest answer (ms)", slowest.TotalMilliseconds, "F0");
        ReliabilitySummary.Add(output, "attack", "flood: status unanswered", unanswered);
        ReliabilitySummary.Add(output, "attack", "flood: command_rejected journal rows", rejectedRows);
        ReliabilitySummary.Add(output, "attack", "flood: security events lost", journal.Any(e => (long?)e["seq"] == (long?)forcedCut["seq"]) ? 0 : 1);
        ReliabilitySummary.Add(output, "attack", "flood: peak RSS (MB)", peakRssKb / 1024.0, "F0");
        ReliabilitySummary.Add(output, "attack", "flood: SIGTERM to exit (s)", stoppedIn.TotalSeconds, "F1");
        Assert.Equal(0, unanswered);
        Assert.True(slowest <= StatusWithin, $"status took {slowest.TotalMilliseconds:F0} ms during the flood");
        Assert.NotNull(after);
        Assert.True(afterTook <= StatusWithin, $"status took {afterTook.TotalMilliseconds:F0} ms after the flood");
        Assert.Contains(journal, e => (long?)e["seq"] == (long?)forcedCut["seq"]);
        Assert.Equal(0, exitCode);
        Assert.True(stoppedIn <= StopWithin, $"the controller took {stoppedIn.TotalSeconds:F1} s to stop after SIGTERM");
    }

    /// <summary>Publishes without waiting for answers until told to stop; returns how many messages went out.</summary>
    private static async Task<long> FloodAsync(int port, CancellationToken stop)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"flood-{Guid.NewGuid():N}").Build(), CancellationToken.None);
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            // Paced in bursts of 100: ahead of the rate, wait until the clock catches up.
            if (sent % 100 == 0 && TimeSpan.FromSeconds((double)sent / ReliabilitySettings.FloodRate) - clock.Elapsed is { Ticks: > 0 } ahead)
            {
                try
                {
                    await Task.Delay(ahead, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var n = sent++;
            var (topic, payload) = (n % 4) switch
            {
                0 => ($"{Base}/slot/1/set", "ON"),
                1 => ($"{Base}/request/power", $$"""{"id":"f{{n}}","targets":"slot:1","state":"on","source":"flood"}"""),
                2 => ("pichassis/requests/flood/sim/status", $$"""{"id":"f{{n}}","targets":"all","source":"flood"}"""),
                _ => ($"{Base}/request/cycle", "{\"id\":"),
            };
            try
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithResponseTopic("pichassis/clients/flood/reply").Build(), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        return sent;
    }

    private async Task<(JsonObject? Answer, TimeSpan Took)> TimedStatusAsync(TestMqttClient client)
    {
        var stopwatch = Stopwatch.StartNew();
        var answer = await RequestAsync(client, "status", """{"targets":"all","source":"operator"}""", TimeSpan.FromSeconds(10));
        return (answer, stopwatch.Elapsed);
    }

    private async Task<List<JsonObject>> EventsAsync(TestMqttClient client)
    {
        var answer = await RequestAsync(client, "events", """{"since_seq":0,"limit":1000,"source":"operator"}""", Patience);
        return answer?["events"] is JsonArray events ? [.. events.Select(e => e!.AsObject())] : [];
    }

    /// <summary>Sends a request with a fresh id and a correlation of its own; the answer, or null after <paramref name="timeout"/>.</summary>
    private async Task<JsonObject?> RequestAsync(TestMqttClient client, string verb, string fields, TimeSpan timeout)
    {
        var id = $"op-{Interlocked.Increment(ref _requests)}";
        var correlation = System.Text.Encoding.UTF8.GetBytes(id);
        var payload = $$"""{"id":"{{id}}",{{fields[1..]}}""";
        await client.PublishAsync($"{Base}/request/{verb}", payload, responseTopic: Reply, correlation: correlation);
        var reply = await client.WaitForAsync(m => m.Topic == Reply && m.CorrelationData is { } c && c.AsSpan().SequenceEqual(correlation), timeout);
        return reply is null ? null : JsonNode.Parse(TestMqttClient.Text(reply))!.AsObject();
    }

    /// <summary>Resident memory of a process, from /proc.</summary>
    internal static long RssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
