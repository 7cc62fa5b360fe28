using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace PiChassis.Perf.Latency;

/// <summary>
/// An MQTT 5 client that asks and waits, as a scheduler does: each request goes out at QoS 1 with
/// this client's response topic and correlation data; the reply is matched by its correlation data
/// and timestamped the moment it is received. Many requests may be in flight at once.
/// </summary>
public sealed class RequestClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<long, (TaskCompletionSource<RequestReply> Done, long SentAt)> _pending = new();
    private long _next;

    private RequestClient(string name)
    {
        ReplyTopic = $"pichassis/clients/bench-{name}-{Guid.NewGuid():N}/reply";
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var receivedAt = Stopwatch.GetTimestamp();
            var correlation = e.ApplicationMessage.CorrelationData;
            if (correlation is { Length: 8 } && BinaryPrimitives.ReadInt64LittleEndian(correlation) is var key
                && _pending.TryRemove(key, out var pending))
            {
                pending.Done.TrySetResult(new RequestReply(pending.SentAt, receivedAt, e.ApplicationMessage.Payload.ToArray()));
            }

            return Task.CompletedTask;
        };
    }

    public string ReplyTopic { get; }

    public static async Task<RequestClient> ConnectAsync(int port, string name)
    {
        var client = new RequestClient(name);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"{name}-{Guid.NewGuid():N}")
            .Build();
        await client._client.ConnectAsync(options);
        await client._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(client.ReplyTopic, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return client;
    }

    /// <summary>Publishes <paramref name="payload"/> to <paramref name="topic"/> and completes with the reply.</summary>
    public async Task<RequestReply> RequestAsync(string topic, string payload, CancellationToken cancellationToken = default)
    {
        var key = Interlocked.Increment(ref _next);
        var correlation = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(correlation, key);
        var done = new TaskCompletionSource<RequestReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithResponseTopic(ReplyTopic)
            .WithCorrelationData(correlation)
            .Build();
        _pending[key] = (done, Stopwatch.GetTimestamp());
        try
        {
            await _client.PublishAsync(message, cancellationToken);
            return await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(key, out _);
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
