using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace PiChassis.Perf.Latency;

/// <summary>
/// The plain MQTT round trip's other end: a separate MQTT 5 client that answers every request on
/// <see cref="RequestTopic"/> at once, to its response topic with its correlation data, at QoS 1,
/// with a reply the size of the controller's <c>power</c> response. What is left is the broker and
/// the clients: the floor any MQTT command latency stands on.
/// </summary>
public sealed class EchoResponder : IAsyncDisposable
{
    public const string RequestTopic = "bench/echo/request";

    private static readonly byte[] Reply = Encoding.UTF8.GetBytes(
        """{"id":"echo-000000","ts":"2026-11-28T09:30:00.123Z","status":"ok","results":[{"slot":1,"node":"node01","ok":true,"phase":"booting"}]}""");

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private EchoResponder()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var request = e.ApplicationMessage;
            if (!string.IsNullOrEmpty(request.ResponseTopic))
            {
                _ = ReplyAsync(request.ResponseTopic, request.CorrelationData);
            }

            return Task.CompletedTask;
        };
    }

    public static async Task<EchoResponder> StartAsync(int port)
    {
        var echo = new EchoResponder();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"bench-echo-{Guid.NewGuid():N}")
            .Build();
        await echo._client.ConnectAsync(options);
        await echo._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(RequestTopic, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return echo;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private async Task ReplyAsync(string topic, byte[]? correlation)
    {
        var reply = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Reply)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithCorrelationData(correlation)
            .Build();
        try
        {
            await _client.PublishAsync(reply);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Only at the end of the run, when the broker goes first.
        }
    }
}
