using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Hands each received message to its handler by topic. Commands that arrive with the retain flag
/// are dropped: a retained command would switch again at every reconnect (ghost switching).
/// Heartbeats (only this chassis's own nodes are subscribed) are read within each node's budget
/// (<see cref="HeartbeatBudget"/>) and announcements (any new board) within their own, so neither a
/// flood on one node's topic nor one of announcements crowds out another node's beats.
/// </summary>
public sealed partial class MessageRouter(
    Topics topics,
    SlotSetHandler slotSet,
    RequestHandler requests,
    ChassisPublisher publisher,
    NodeIdentity identity,
    PowerEngineLoop loop,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<MessageRouter> logger,
    IEnumerable<IMqttTopicHandler> handlers)
{
    private readonly IMqttTopicHandler[] _handlers = [.. handlers];
    private readonly string _homeAssistantStatus = HomeAssistantTopics.Status(options.Value.DiscoveryPrefix);
    // Read off the loop: the published states are an immutable array, replaced whole.
    private readonly HeartbeatBudget _heartbeats = new(node => loop.Engine.States.Any(s => s.Node == node), time);

    // A board announces itself every 30 s for its first 10 min: 5 a second serves a fleet's boots.
    private readonly TokenBucket _announcements = new(5, 50, time);

    public Task RouteAsync(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var topic = message.Topic;
        if (_handlers.Any(h => h.TryHandle(message)))
        {
            return Task.CompletedTask;
        }

        if (Topics.TryParseNodeTopic(topic, "heartbeat", out var node))
        {
            OnNodeWord(node, message, _heartbeats.TryTake);
            return Task.CompletedTask;
        }

        if (Topics.TryParseNodeTopic(topic, "announce", out node))
        {
            OnNodeWord(node, message, _ => _announcements.TryTake());
            return Task.CompletedTask;
        }

        if (topic == _homeAssistantStatus)
        {
            if (!message.Retain && Text(message) == Availability.Online)
            {
                publisher.OnHomeAssistantOnline();
            }

            return Task.CompletedTask;
        }

        var isSet = topics.TryParseSlotSet(topic, out var slotLevel);
        var isOwned = topics.TryParseOwnedRequest(topic, out var owner, out var verb);
        var isRequest = isOwned || topics.TryParseRequest(topic, out verb);
        if ((isSet || isRequest) && message.Retain)
        {
            LogRetainedIgnored(topic);
            return Task.CompletedTask;
        }

        return isSet ? slotSet.HandleAsync(topic, slotLevel!, message.Payload.ToArray())
            : isRequest ? requests.HandleAsync(verb!, message, owner)
            : Task.CompletedTask;
    }

    /// <summary>A heartbeat or an announcement proves the node is up; its uptime (when readable) lets plug &amp; play place it.</summary>
    private void OnNodeWord(string node, MqttApplicationMessage message, Func<string, bool> withinBudget)
    {
        if (message.Retain || !NodeNames.IsValid(node) || !withinBudget(node))
        {
            return;
        }

        double? uptimeS = null;
        try
        {
            using var json = JsonDocument.Parse(message.Payload.ToArray());
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("uptime_s", out var uptime)
                && uptime.ValueKind == JsonValueKind.Number && uptime.TryGetDouble(out var value) && value >= 0)
            {
                uptimeS = value;
            }
        }
        catch (JsonException)
        {
            LogBadHeartbeat(node);
        }

        loop.Post(engine => identity.OnHeartbeat(engine, node, uptimeS));
    }

    private static string Text(MqttApplicationMessage message) => Encoding.UTF8.GetString(message.Payload).Trim();

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int RetainedIgnoredEventId = 427;

    [LoggerMessage(EventId = RetainedIgnoredEventId, Level = LogLevel.Warning, Message = "Ignored a retained command on {Topic}: retained commands would switch again at every reconnect")]
    private partial void LogRetainedIgnored(string topic);

    [LoggerMessage(EventId = 446, Level = LogLevel.Debug, Message = "Word of {Node} is not JSON; counted without its uptime")]
    private partial void LogBadHeartbeat(string node);
}
