using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// Hostile payloads at volume on every command topic: routed in-process at full speed through the
/// controller's own message handling (replies still go out through a real Mosquitto), and a sample
/// through the broker end to end. Nothing may crash, every request whose id can be read is
/// answered, and the relays move only for what the journal records as a valid command.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class MqttFuzzTests(ITestOutputHelper output)
{
    private const int Slots = 4;
    private const int Batch = 500;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Router_HostilePayloadsAtVolume_NoCrashEveryIdAnsweredNoUnaskedRelayChange()
    {
        await using var run = await FuzzRun.StartAsync();
        var router = run.Controller.Services.GetRequiredService<MessageRouter>();
        var crashes = 0;
        for (var i = 0; i < ReliabilitySettings.FuzzPayloads; i++)
        {
            var (topic, payload) = run.Next();
            try
            {
                await router.RouteAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                crashes++;
                output.WriteLine($"{topic}: {e}");
            }

            if (i % Batch == Batch - 1)
            {
                var behind = await run.Responses.WaitForAsync(run.Expected, RequestHandler.MaxInFlight, Patience);
                Assert.True(behind <= RequestHandler.MaxInFlight, $"{behind} requests still unanswered after a batch");
            }
        }

        await run.ReportAsync(output, "fuzz router", crashes);
    }

    [Fact]
    public async Task Broker_HostilePayloadsThroughMosquitto_NoCrashEveryIdAnsweredNoUnaskedRelayChange()
    {
        await using var run = await FuzzRun.StartAsync();
        for (var i = 0; i < ReliabilitySettings.BrokerFuzzPayloads; i++)
        {
            var (topic, payload) = run.Next();
            await run.Responses.PublishAsync(topic, payload);
            if (i % Batch == Batch - 1)
            {
                var behind = await run.Responses.WaitForAsync(run.Expected, RequestHandler.MaxInFlight, Patience);
                Assert.True(behind <= RequestHandler.MaxInFlight, $"{behind} requests still unanswered after a batch");
            }
        }

        await run.ReportAsync(output, "fuzz broker", crashes: 0);
    }

    /// <summary>One controller on one Mosquitto, the fuzzer, and the bookkeeping of what must be answered.</summary>
    private sealed class FuzzRun : IAsyncDisposable
    {
        private readonly PayloadFuzzer _fuzzer = new(seed: 11, Slots);
        private readonly Dictionary<string, string> _expected = new(StringComparer.Ordinal);
        private int _tried;

        private FuzzRun(MosquittoBroker broker, HostedController controller, FuzzClient responses)
        {
            Broker = broker;
            Controller = controller;
            Responses = responses;
            Topics = controller.Services.GetRequiredService<Topics>();
            Audit = new RelayAudit(Path.Combine(controller.DataDir, "relay-writes.log"), controller.Journal);
        }

        public MosquittoBroker Broker { get; }

        public HostedController Controller { get; }

        public FuzzClient Responses { get; }

        public Topics Topics { get; }

        public RelayAudit Audit { get; }

        public IReadOnlyCollection<string> Expected => _expected.Keys;

        public static async Task<FuzzRun> StartAsync()
        {
            var broker = await MosquittoBroker.StartAsync();
            var controller = await HostedController.StartAsync(broker.Port, settings: new Dictionary<string, string?>
            {
                ["Chassis:SlotCount"] = Slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mqtt:CommandRatePerSecond"] = "10000",
                // A restart's relay wait lasts until the node halts; no agent runs here, so that is
                // the halt timeout (60 s by default, the whole patience). 10 s keeps every answer due.
                ["Power:HaltTimeout"] = "00:00:10",
            });
            var responses = await FuzzClient.ConnectAsync(broker.Port, "pichassis/sim/response/#");
            await using var watcher = await TestMqttClient.ConnectAsync(broker.Port, null, "pichassis/sim/status");
            Assert.NotNull(await watcher.WaitForAsync("pichassis/sim/status", p => p == "online", Patience));
            return new FuzzRun(broker, controller, responses);
        }

        /// <summary>The next payload; a request whose id the parser can read (and that does not wait long) must be answered.</summary>
        public (string Topic, byte[] Payload) Next()
        {
            _tried++;
            var (topic, payload) = _fuzzer.Next(Topics);
            if (Topics.TryParseRequest(topic, out var verb))
            {
                RequestParser.TryParse(verb!, payload, out var request, out var rejection);
                var waitsLong = request is { Wait: not WaitMode.Relay } && (request.Timeout ?? RequestParser.DefaultTimeout) > TimeSpan.FromSeconds(5);
                if ((request?.Id ?? rejection?.Id) is { } id && !waitsLong)
                {
                    _expected[id] = $"{topic} {System.Text.Encoding.UTF8.GetString(payload)}";
                }
            }

            return (topic, payload);
        }

        public async Task ReportAsync(ITestOutputHelper output, string area, int crashes)
        {
            var missing = await Responses.WaitForAsync(_expected.Keys, 0, Patience);
            foreach (var (id, request) in _expected.Where(e => !Responses.Answered(e.Key)))
            {
                output.WriteLine($"unanswered {id}: {request}");
            }

            var alive = await Controller.Loop.RunAsync(e => e.States.Length);
            var errors = Controller.Logs.GetSnapshot().Count(r => r.Level >= LogLevel.Error);
            var glitches = Audit.Glitches();
            ReliabilitySummary.Add(output, area, "payloads tried", _tried);
            ReliabilitySummary.Add(output, area, "requests with a readable id", _expected.Count);
            ReliabilitySummary.Add(output, area, "requests unanswered", missing);
            ReliabilitySummary.Add(output, area, "crashes (exceptions, error logs)", crashes + errors);
            ReliabilitySummary.Add(output, area, "relay changes (all journalled)", Audit.Changes);
            ReliabilitySummary.Add(output, area, "relay glitches", glitches);
            Assert.Equal(Slots, alive);
            Assert.Equal(0, crashes + errors);
            Assert.Equal(0, missing);
            Assert.Equal(0, Responses.Unreadable);
            Assert.Equal(0, glitches);
        }

        public async ValueTask DisposeAsync()
        {
            await Responses.DisposeAsync();
            await Controller.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }
}
