using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// An MQTT 5 subscriber on the loopback broker: counts what arrives, keeps the last payload of every
/// topic and the Stopwatch timestamp at which each topic was first seen. It can also ask a request
/// and wait for the reply on its own response topic.
/// </summary>
public sealed class MqttWatch : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, (string Payload, long At)> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _firstSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _replies = new(StringComparer.Ordinal);
    private readonly string _responseTopic;
    private long _count;

    private MqttWatch(IMqttClient client, string clientId)
    {
        _client = client;
        _responseTopic = $"pichassis/clients/{clientId}/response";
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            var payload = message.ConvertPayloadToString();
            if (message.Topic == _responseTopic)
            {
                var id = System.Text.Encoding.UTF8.GetString(message.CorrelationData);
                _replies.TryRemove(id, out var reply);
                reply?.TrySetResult(payload);
                return Task.CompletedTask;
            }

            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _count);
            _firstSeen.TryAdd(message.Topic, now);
            _counts.AddOrUpdate(message.Topic, 1, (_, n) => n + 1);
            _latest[message.Topic] = (payload, now);
            return Task.CompletedTask;
        };
    }

    /// <summary>Messages received on the subscriptions so far (replies not counted).</summary>
    public long Count => Interlocked.Read(ref _count);

    public static async Task<MqttWatch> ConnectAsync(int port, params string[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var clientId = $"perf-{Guid.NewGuid():N}"[..20];
        var client = new MqttClientFactory().CreateMqttClient();
        var watch = new MqttWatch(client, clientId);
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart().Build();
        await client.ConnectAsync(options);
        var subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(watch._responseTopic);
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter);
        }

        await client.SubscribeAsync(subscribe.Build());
        return watch;
    }

    /// <summary>Messages received on <paramref name="topic"/> so far.</summary>
    public long CountOf(string topic) => _counts.GetValueOrDefault(topic);

    /// <summary>Every topic a message arrived on so far.</summary>
    public IReadOnlyList<string> SeenTopics => [.. _latest.Keys];

    public string? Latest(string topic) => _latest.TryGetValue(topic, out var last) ? last.Payload : null;

    /// <summary>The last payload of <paramref name="topic"/> and when it arrived (Stopwatch timestamp).</summary>
    public (string Payload, long At)? LatestWithTime(string topic) => _latest.TryGetValue(topic, out var last) ? last : null;

    /// <summary>When <paramref name="topic"/> first arrived (Stopwatch timestamp), if it has.</summary>
    public long? FirstSeen(string topic) => _firstSeen.TryGetValue(topic, out var at) ? at : null;

    /// <summary>Waits, polling, until <paramref name="done"/> holds; false after <paramref name="patience"/>.</summary>
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(done);
        var started = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(started) > patience)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return true;
    }

    /// <summary>An MQTT 5 request (response topic and correlation data, as the CLI sends it); null when no reply comes.</summary>
    public async Task<string?> RequestAsync(string topic, string id, string payload, TimeSpan patience)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[id] = reply;
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .WithResponseTopic(_responseTopic).WithCorrelationData(System.Text.Encoding.UTF8.GetBytes(id)).Build();
        await _client.PublishAsync(message);
        try
        {
            return await reply.Task.WaitAsync(patience, TimeProvider.System);
        }
        catch (TimeoutException)
        {
            _replies.TryRemove(id, out _);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
