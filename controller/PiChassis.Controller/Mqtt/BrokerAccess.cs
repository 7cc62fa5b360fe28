using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// The embedded broker's access rules with accounts on: a login is required, and each connection's
/// <see cref="BrokerRole"/> decides what it may subscribe to, publish, and receive (checked again per
/// message, so a broad subscription never carries another client's replies).
/// </summary>
internal sealed partial class BrokerAccess(BrokerAccounts accounts, ILogger logger)
{
    // By client id; a refused lookup (a connection replaced meanwhile) denies.
    private readonly ConcurrentDictionary<string, BrokerRole> _roles = new(StringComparer.Ordinal);

    public void Attach(MqttServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.ValidatingConnectionAsync += Validate;
        server.ClientDisconnectedAsync += args =>
        {
            // A session taken over by its own login's new connection keeps the rights given to that connection.
            if (args.DisconnectType != MqttClientDisconnectType.Takeover)
            {
                _roles.TryRemove(args.ClientId, out _);
            }

            return Task.CompletedTask;
        };
        server.InterceptingSubscriptionAsync += Subscribe;
        server.InterceptingPublishAsync += Publish;
        server.InterceptingClientEnqueueAsync += Enqueue;
    }

    private Task Validate(ValidatingConnectionEventArgs args)
    {
        var role = accounts.Authenticate(args.UserName, args.Password);
        if (role is null)
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            LogRefused(logger, args.UserName, args.RemoteEndPoint);
            return Task.CompletedTask;
        }

        var clientId = string.IsNullOrEmpty(args.ClientId) ? args.AssignedClientIdentifier : args.ClientId;
        if (_roles.TryGetValue(clientId, out var holder) && holder.Name != role.Name)
        {
            // Taking over another login's session (the controller's, say) would cut that client off.
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            LogClientIdHeld(logger, args.UserName, clientId, holder.Name);
            return Task.CompletedTask;
        }

        _roles[clientId] = role;
        return Task.CompletedTask;
    }

    private Task Subscribe(InterceptingSubscriptionEventArgs args)
    {
        if (!Role(args.ClientId, out var role) || !role.MaySubscribe(args.TopicFilter.Topic))
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            LogDenied(logger, args.UserName ?? "(none)", "subscribe to", args.TopicFilter.Topic);
        }

        return Task.CompletedTask;
    }

    private Task Publish(InterceptingPublishEventArgs args)
    {
        if (!Role(args.ClientId, out var role) || !role.MayPublish(args.ApplicationMessage.Topic)
            || !role.MayNameAsReply(args.ApplicationMessage.ResponseTopic))
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            LogDenied(logger, args.UserName ?? "(none)", "publish on", args.ApplicationMessage.Topic);
        }

        return Task.CompletedTask;
    }

    private Task Enqueue(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        args.AcceptEnqueue = Role(args.ReceiverClientId, out var role) && role.MayRead(args.ApplicationMessage.Topic);
        return Task.CompletedTask;
    }

    private bool Role(string clientId, out BrokerRole role) => _roles.TryGetValue(clientId, out role!);

    [LoggerMessage(EventId = 419, Level = LogLevel.Information, Message = "Embedded broker refused a login as {User} from {Remote}")]
    private static partial void LogRefused(ILogger logger, string? user, System.Net.EndPoint? remote);

    [LoggerMessage(EventId = 423, Level = LogLevel.Warning, Message = "Embedded broker refused {User} the client id {ClientId}, which {Holder} is connected with")]
    private static partial void LogClientIdHeld(ILogger logger, string? user, string clientId, string holder);

    [LoggerMessage(EventId = 420, Level = LogLevel.Debug, Message = "Embedded broker: {User} may not {Action} {Topic}")]
    private static partial void LogDenied(ILogger logger, string user, string action, string topic);
}
