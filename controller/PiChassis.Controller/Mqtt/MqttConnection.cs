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
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = _options.ReconnectMinDelay;
        while (!stop.IsCancellationRequested)
        {
            Task? wakeup = Volatile.Read(ref _wakeup).Task;
            TimeSpan wait;
            if (!_client.IsConnected)
            {
                if (await TryConnectAsync(stop))
                {
                    backoff = _options.ReconnectMinDelay;
                    wait = _options.KeepAlive;
                }
                else
                {
                    wait = Jitter(backoff);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                    wakeup = null;
                }
            }
            else
            {
                await PingAsync(stop);
                wait = _options.KeepAlive;
            }

            await WaitAsync(wait, wakeup, stop);
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken stop)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(OperationTimeout);
            var result = await _client.ConnectAsync(_clientOptions, timeout.Token);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }

            LogRefused(_endpoint, result.ResultCode.ToString(), result.ReasonString);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e.GetBaseException().Message;
            if (_failures++ == 0)
            {
                LogConnectFailed(_endpoint, reason);
            }
            else
            {
                LogConnectStillFailing(_endpoint, _failures, reason);
            }
        }

        return false;
    }

    private async Task PingAsync(CancellationToken stop)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(OperationTimeout);
            await _client.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !stop.IsCancellationRequested)
        {
            // A half-open connection answers no ping: drop it so the loop reconnects.
            LogPingFailed(e.Message);
            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout, _time);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
            catch (Exception inner) when (inner is not OutOfMemoryException)
            {
                LogStopFailed(inner.Message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits <paramref name="wait"/>, or less when <paramref name="wakeup"/> completes first (a lost connection).</summary>
    private async Task WaitAsync(TimeSpan wait, Task? wakeup, CancellationToken stop)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var delay = Task.Delay(wait, _time, done.Token);
        await (wakeup is null ? Task.WhenAny(delay) : Task.WhenAny(delay, wakeup));
        await done.CancelAsync();
    }

    private static TimeSpan Jitter(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (0.4 * Random.Shared.NextDouble()))));

    private async Task OnConnectedAsync(MqttClientConnectedEventArgs args)
    {
        try
        {
            if (_subscriptions.Count > 0)
            {
                var subscribe = new MqttClientSubscribeOptions { TopicFilters = [.. _subscriptions] };
                using var timeout = new CancellationTokenSource(OperationTimeout, _time);
                await _client.SubscribeAsync(subscribe, timeout.Token);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSubscribeFailed(e.Message);
            Wake();
            return;
        }

        _failures = 0;
        LogConnected(_endpoint, ClientId);
        Connected?.Invoke(this, EventArgs.Empty);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && _stop is not null)
        {
            LogDisconnected(_endpoint, args.Reason.ToString(), args.Exception?.GetBaseException().Message ?? args.ReasonString ?? "");
            Wake();
        }

        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (MessageReceived is not { } handler)
        {
            return;
        }

        try
        {
            await handler(args.ApplicationMessage);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(args.ApplicationMessage.Topic, e);
        }
    }

    private void Wake() =>
        Interlocked.Exchange(ref _wakeup, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
