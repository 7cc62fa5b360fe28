using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using PiChassis.Cli.Connection;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Cli.Mqtt;

/// <summary>
/// One MQTT 5 connection of the CLI: subscriptions feed <see cref="Received"/>, requests get their
/// reply on a response topic of this session, matched by CorrelationData.
/// </summary>
public sealed partial class BrokerSession : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new(StringComparer.Ordinal);

    private BrokerSession(IMqttClient client, string clientId, string? user)
    {
        _client = client;
        ClientId = clientId;

        // The controller answers only under pichassis/clients/<client>/, and a broker's ACL lets a
        // login read (and write) its own level there: the user name when there is one.
        Owner = !string.IsNullOrEmpty(user) && !user.AsSpan().ContainsAny("/+#") ? user : clientId;
        ReplyBase = Topics.ClientReply(Owner, clientId);
        ResponseTopic = $"{ReplyBase}/response";
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Dispatch(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    /// <summary>Every message of this session's subscriptions except replies; raised on MQTTnet's thread.</summary>
    public event Action<MqttApplicationMessage>? Received;

    public string ClientId { get; }

    /// <summary>This session's own level: its user name, else its client id. Requests go on it too (docs/mqtt-api.md).</summary>
    public string Owner { get; }

    /// <summary><c>pichassis/clients/&lt;owner&gt;/&lt;client id&gt;</c>: this session's own topics.</summary>
    public string ReplyBase { get; }

    public string ResponseTopic { get; }

    /// <summary>Connects, or fails with exit code 3 and the broker's reason.</summary>
    public static async Task<BrokerSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clientId = $"pichassis-cli-{Guid.NewGuid():N}"[..26];
        var client = new MqttClientFactory().CreateMqttClient();
        var session = new BrokerSession(client, clientId, settings.User);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(ConnectTimeout);
            var result = await client.ConnectAsync(SessionOptions.Create(settings, clientId), limit.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw Unreachable(settings, result.ReasonString ?? result.ResultCode.ToString());
            }

            await session.SubscribeAsync([session.ResponseTopic], cancel);
            return session;
        }
        catch (Exception e) when (e is MqttCommunicationException or SocketException or OperationCanceledException or IOException
                                      or System.Security.Authentication.AuthenticationException && !cancel.IsCancellationRequested)
        {
            client.Dispose();
            throw Unreachable(settings, e is OperationCanceledException ? $"no answer in {ConnectTimeout.TotalSeconds:0} s" : Reason(e));
        }
        catch (CliException)
        {
            client.Dispose();
            throw;
        }
    }

    public async Task SubscribeAsync(IEnumerable<string> filters, CancellationToken cancel)
    {
        var options = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            options.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(options.Build(), cancel);
    }

    public Task PublishAsync(string topic, string payload, CancellationToken cancel) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel);

    /// <summary>Publishes a request and waits for its reply; null when none came within <paramref name="patience"/>.</summary>
    public async Task<string?> RequestAsync(string topic, string payload, string correlation, TimeSpan patience, CancellationToken cancel)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = reply;
        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithResponseTopic(ResponseTopic)
                .WithCorrelationData(Encoding.UTF8.GetBytes(correlation))
                .Build();
            await _client.PublishAsync(message, cancel);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(patience);
            try
            {
                return await reply.Task.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                return null;
            }
        }
        finally
        {
            _pending.TryRemove(correlation, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MqttCommunicationException)
            {
                // The broker went away first; nothing is left to close.
            }
        }

        _client.Dispose();
    }

    private void Dispatch(MqttApplicationMessage message)
    {
        if (message.Topic == ResponseTopic)
        {
            var correlation = message.CorrelationData is { } data ? Encoding.UTF8.GetString(data) : "";
            if (_pending.TryGetValue(correlation, out var reply))
            {
                reply.TrySetResult(message.ConvertPayloadToString());
            }

            return;
        }

        Received?.Invoke(message);
    }

    private static CliException Unreachable(ConnectionSettings settings, string why) =>
        new(ExitCodes.BrokerUnreachable, $"cannot connect to the MQTT broker at {settings.Endpoint}: {why}");

    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }
}
