using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>An MQTT 5 observer for tests: subscribes, keeps every message, and waits for the ones it needs.</summary>
internal sealed class TestMqttClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<MqttApplicationMessage> _messages = [];
    private readonly Lock _lock = new();
    private readonly MqttClientOptions _options;

    private TestMqttClient(MqttClientOptions options)
    {
        _options = options;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_lock)
            {
                _messages.Add(e.ApplicationMessage);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>With a <paramref name="sessionId"/> the session outlives the connection (and a broker restart with persistence).</summary>
    public static async Task<TestMqttClient> ConnectAsync(int port, string? sessionId = null, params string[] filters)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(sessionId ?? $"test-{Guid.NewGuid():N}");
        if (sessionId is not null)
        {
            builder.WithCleanStart(false).WithSessionExpiryInterval(600);
        }

        return await ConnectAsync(builder, filters);
    }

    /// <summary>Logs in as <paramref name="user"/>; a refused login throws.</summary>
    public static Task<TestMqttClient> ConnectAsAsync(int port, string user, string password, params string[] filters) =>
        ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"test-{user}-{Guid.NewGuid():N}")
            .WithCredentials(user, password), filters);

    private static async Task<TestMqttClient> ConnectAsync(MqttClientOptionsBuilder builder, string[] filters)
    {
        var client = new TestMqttClient(builder.Build());
        var connected = await client._client.ConnectAsync(client._options);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {connected.ResultCode}");
        }

        if (filters.Length > 0)
        {
            await client.SubscribeAsync(filters);
        }

        return client;
    }

    public bool IsConnected => _client.IsConnected;

    public async Task SubscribeAsync(params string[] filters)
    {
        var options = new MqttClientSubscribeOptions();
        foreach (var filter in filters)
        {
            options.TopicFilters.Add(new MQTTnet.Packets.MqttTopicFilter { Topic = filter, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        }

        await _client.SubscribeAsync(options);
    }

    public async Task ReconnectAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                await _client.ConnectAsync(_options, limit.Token);
                return;
            }
            catch (Exception) when (!limit.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false, string? responseTopic = null, byte[]? correlation = null)
    {
        var builder = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (responseTopic is not null)
        {
            builder.WithResponseTopic(responseTopic);
        }

        if (correlation is not null)
        {
            builder.WithCorrelationData(correlation);
        }

        return _client.PublishAsync(builder.Build());
    }

    public IReadOnlyList<MqttApplicationMessage> Messages(string? topic = null)
    {
        lock (_lock)
        {
            return [.. _messages.Where(m => topic is null || m.Topic == topic)];
        }
    }

    public IReadOnlyList<JsonObject> Json(string topic) =>
        [.. Messages(topic).Select(m => JsonNode.Parse(Text(m)) as JsonObject).OfType<JsonObject>()];

    public static string Text(MqttApplicationMessage message) => Encoding.UTF8.GetString(message.Payload.ToArray());

    /// <summary>Waits until a message satisfies <paramref name="match"/>; null when none came in time.</summary>
    public async Task<MqttApplicationMessage?> WaitForAsync(Func<MqttApplicationMessage, bool> match, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!limit.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (_messages.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return null;
    }

    public Task<MqttApplicationMessage?> WaitForAsync(string topic, Func<string, bool> payload, TimeSpan timeout) =>
        WaitForAsync(m => m.Topic == topic && payload(Text(m)), timeout);

    public void Clear()
    {
        lock (_lock)
        {
            _messages.Clear();
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
