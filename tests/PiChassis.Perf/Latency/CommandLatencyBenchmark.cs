using System.Diagnostics;
using System.Globalization;
using System.Text;
using PiChassis.Controller.Redfish;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf.Latency;

/// <summary>
/// Command latency: a contract <c>power</c> request from a client to the relay write and to the
/// response at the client, next to the plain MQTT round trip on the same broker, measured the same
/// way and interleaved with the commands so both see the same machine. On the embedded broker and
/// on a real Mosquitto.
/// </summary>
public static class CommandLatencyBenchmark
{
    public const int Slots = 4;
    // Enough for the JIT to have tiered up the request path (call counting, then a background recompile).
    private const int WarmUp = 500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] Ok = Encoding.UTF8.GetBytes("\"status\":\"ok\"");

    /// <summary>What would make the controller wait by design, and the simulator's own files; everything else at its default.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Power:StaggerInterval"] = "00:00:00",
        ["Power:MinOffTime"] = "00:00:00",
        ["Power:MaxCyclesPerHour"] = "100000",
        ["Mqtt:CommandRatePerSecond"] = "10000",
        ["Simulation:Persist"] = "false",
    };

    /// <summary>
    /// The same, with the Redfish service on a free loopback port (plain HTTP, the simulation's development account),
    /// its per-client request limit at its most (the benchmark sends back to back from one account, as no real tool does).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> WithRedfish = new Dictionary<string, string>(Settings)
    {
        ["Redfish:Enabled"] = "true",
        ["Redfish:Port"] = "0",
        ["Redfish:RequestsPerSecond"] = "1000",
        ["Redfish:RequestBurst"] = "10000",
    };

    public static async Task<CommandLatencyResult> RunAsync(int commands)
    {
        var rows = new List<CommandLatencyRow>();
        {
            await using var controller = await BenchController.StartAsync(Slots, WithRedfish);
            rows.Add(await MeasureAsync("embedded broker (MQTTnet.Server, in the controller's process)", controller, commands));
            rows.Add(await MeasureRedfishAsync(controller, commands));
        }

        if (!Mosquitto.IsInstalled)
        {
            rows.Add(new CommandLatencyRow("Mosquitto", null, null, null, "no mosquitto binary installed"));
        }
        else
        {
            await using var mosquitto = await Mosquitto.StartAsync();
            await using var controller = await BenchController.StartAsync(Slots, Settings, mosquitto.Port);
            rows.Add(await MeasureAsync($"Mosquitto ({Mosquitto.Program}, loopback, set_tcp_nodelay true)", controller, commands));
        }

        return new CommandLatencyResult(commands, Slots, rows, Settings, Footprint.LoadAverage());
    }

    private static async Task<CommandLatencyRow> MeasureAsync(string broker, HostedController controller, int commands)
    {
        await ControllerReady.WaitAsync(controller.Port);
        using var watch = new RelayWatch(controller);
        await using var client = await RequestClient.ConnectAsync(controller.Port, "bench-command");
        await using var echo = await EchoResponder.StartAsync(controller.Port);
        await using var plainClient = await RequestClient.ConnectAsync(controller.Port, "bench-plain");
        var topic = new Topics(BenchController.ChassisId).Request(RequestVerbs.Power);
        var toRelay = new List<TimeSpan>(commands);
        var toResponse = new List<TimeSpan>(commands);
        var plain = new List<TimeSpan>(commands);
        for (var i = 0; i < WarmUp + commands; i++)
        {
            var slot = 1 + (i % Slots);
            var (relay, response) = await SwitchAsync(client, watch, topic, slot, i);
            var echoed = await plainClient.RequestAsync(EchoResponder.RequestTopic, Request(i, slot, "on")).WaitAsync(Timeout, TimeProvider.System);
            if (i >= WarmUp)
            {
                toRelay.Add(relay);
                toResponse.Add(response);
                plain.Add(echoed.RoundTrip);
            }
        }

        return new CommandLatencyRow(broker, LatencySummary.Of(toRelay), LatencySummary.Of(toResponse), LatencySummary.Of(plain));
    }

    /// <summary>Redfish resets switching the slots as the MQTT commands do, each followed by a GET of that system on the same connection.</summary>
    private static async Task<CommandLatencyRow> MeasureRedfishAsync(HostedController controller, int commands)
    {
        var baseUri = controller.RedfishBaseUri ?? throw new InvalidOperationException("the Redfish service did not start");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RedfishAccounts.DevelopmentUser}:{RedfishAccounts.DevelopmentPassword}")));
        using var watch = new RelayWatch(controller);
        var toRelay = new List<TimeSpan>(commands);
        var toResponse = new List<TimeSpan>(commands);
        var reads = new List<TimeSpan>(commands);
        for (var i = 0; i < WarmUp + commands; i++)
        {
            var slot = 1 + (i % Slots);
            var close = !watch.IsClosed(slot);
            var switched = watch.NextAsync(slot, close);
            var sent = Stopwatch.GetTimestamp();
            using (var reset = await http.PostAsync(new Uri($"redfish/v1/Systems/{slot}/Actions/ComputerSystem.Reset", UriKind.Relative),
                       new StringContent($$"""{"ResetType":"{{(close ? "On" : "ForceOff")}}"}""", Encoding.UTF8, "application/json")))
            {
                if (!reset.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Reset {(close ? "On" : "ForceOff")} of slot {slot}: {(int)reset.StatusCode} {await reset.Content.ReadAsStringAsync()}");
                }
            }

            var responded = Stopwatch.GetElapsedTime(sent);
            var relayAt = await switched.WaitAsync(Timeout, TimeProvider.System);
            var read = Stopwatch.GetTimestamp();
            using (var system = await http.GetAsync(new Uri($"redfish/v1/Systems/{slot}", UriKind.Relative)))
            {
                await system.Content.ReadAsByteArrayAsync();
            }

            var readTook = Stopwatch.GetElapsedTime(read);
            if (i >= WarmUp)
            {
                toRelay.Add(Stopwatch.GetElapsedTime(sent, relayAt));
                toResponse.Add(responded);
                reads.Add(readTook);
            }
        }

        return new CommandLatencyRow("Redfish (Kestrel in the controller's process, HTTP/1.1 keep-alive, Basic auth)",
            LatencySummary.Of(toRelay), LatencySummary.Of(toResponse), LatencySummary.Of(reads), PlainName: "GET /Systems/{id}");
    }

    /// <summary>Switches <paramref name="slot"/> the other way (on, or force_off) and waits for the response.</summary>
    private static async Task<(TimeSpan ToRelay, TimeSpan ToResponse)> SwitchAsync(RequestClient client, RelayWatch watch, string topic, int slot, int n)
    {
        var close = !watch.IsClosed(slot);
        var switched = watch.NextAsync(slot, close);
        var reply = await client.RequestAsync(topic, Request(n, slot, close ? "on" : "force_off")).WaitAsync(Timeout, TimeProvider.System);
        if (reply.Payload.AsSpan().IndexOf(Ok) < 0)
        {
            throw new InvalidOperationException($"power {(close ? "on" : "force_off")} on slot {slot} was not ok: {Encoding.UTF8.GetString(reply.Payload)}");
        }

        var relayAt = await switched.WaitAsync(Timeout, TimeProvider.System);
        return (System.Diagnostics.Stopwatch.GetElapsedTime(reply.SentAt, relayAt), reply.RoundTrip);
    }

    private static string Request(int n, int slot, string state) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"id":"cmd-{{n}}-{{Guid.NewGuid():N}}","targets":"slot:{{slot}}","state":"{{state}}","wait":"relay","source":"bench"}""");
}
