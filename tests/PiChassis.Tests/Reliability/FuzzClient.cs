using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace PiChassis.Tests.Reliability;

/// <summary>Publishes raw payloads and keeps the ids of every response, for fuzz runs of many thousand requests.</summary>
internal sealed class FuzzClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private FuzzClient()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            try
            {
                using var json = JsonDocument.Parse(e.ApplicationMessage.Payload);
                if (json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } text)
                {
                    lock (_lock)
                    {
                        _ids.Add(text);
                    }
                }
            }
            catch (JsonException)
            {
                Unreadable++;
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Responses that were not JSON with an id (docs/mqtt-api.md promises none).</summary>
    public int Unreadable { get; private set; }

    public static async Task<FuzzClient> ConnectAsync(int port, string responseFilter)
    {
        var collector = new FuzzClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"fuzz-responses-{Guid.NewGuid():N}").Build();
        await collector._client.ConnectAsync(options);
        await collector._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(responseFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return collector;
    }

    public Task PublishAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public bool Answered(string id)
    {
        lock (_lock)
        {
            return _ids.Contains(id);
        }
    }

    /// <summary>Waits until all but <paramref name="allowedMissing"/> of <paramref name="expected"/> are answered.</summary>
    public async Task<int> WaitForAsync(IReadOnlyCollection<string> expected, int allowedMissing, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var missing = expected.Count(id => !Answered(id));
        while (missing > allowedMissing && !limit.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
            missing = expected.Count(id => !Answered(id));
        }

        return missing;
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
