using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// One MQTT client kept connected. MQTTnet 5 has no managed client, so this is the loop: connect
/// (a refused connect comes back as a result code, it does not throw), subscribe again after
/// every connect, ping while connected, and reconnect with a doubling, jittered backoff when the
/// broker is gone. Publishing while disconnected fails fast; what must not be lost is the caller's
/// to keep (the journal keeps events).
/// </summary>
public sealed partial class MqttConnection : IAsyncDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly IReadOnlyList<MqttTopicFilter> _subscriptions;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private TaskCompletionSource _wakeup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private int _failures;

    public MqttConnection(
        MqttClientOptions clientOptions,
        IReadOnlyList<MqttTopicFilter> subscriptions,
        MqttOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _clientOptions = clientOptions;
        _subscriptions = subscriptions;
        _options = options;
        _time = time;
        _logger = logger;
        _endpoint = clientOptions.ChannelOptions is MqttClientTcpOptions { RemoteEndpoint: DnsEndPoint endpoint } ? $"{endpoint.Host}:{endpoint.Port}" : "broker";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ConnectedAsync += OnConnectedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Raised after each (re)connect, once the subscriptions are in place. Handlers must be quick.</summary>
    public event EventHandler? Connected;

    /// <summary>Raised when an established connection is lost (not on a deliberate stop). Handlers must be quick.</summary>
    public event EventHandler? Disconnected;

    /// <summary>Called for each message received, in order; it should hand long work off.</summary>
    public Func<MqttApplicationMessage, Task>? MessageReceived { get; set; }

    public bool IsConnected => _client.IsConnected;

    public string ClientId => _clientOptions.ClientId;

    public Task StartAsync()
    {
        var stop = new CancellationTokenSource();
        _stop = stop;
        _loop = Task.Run(() => RunAsync(stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops reconnecting; publishes <paramref name="farewell"/> when connected, then disconnects cleanly (no will).</summary>
    public async Task StopAsync(MqttApplicationMessage? farewell)
    {
        using var stop = Interlocked.Exchange(ref _stop, null);
        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        if (!_client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(OperationTimeout, _time);
        try
        {
            if (farewell is not null)
            {
                await _client.PublishAsync(farewell, timeout.Token);
            }

            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStopFailed(e.Message);
        }
    }

    /// <summary>Sends a message; false when not connected or the send failed (the broker's refusal is logged, not thrown).</summary>
    public async Task<bool> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(OperationTimeout);
            var result = await _client.PublishAsync(message, timeout.Token);
            if ((int)result.ReasonCode >= 0x80)
            {
                LogPublishRefused(message.Topic, result.ReasonCode.ToString(), result.ReasonString);
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogPublishFailed(message.Topic, e.Message);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(null);
        _client.Dispose();
        _subscribing.Dispose();
    }
}
