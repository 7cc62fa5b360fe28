using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Cli.Mqtt;

/// <summary>
/// The chassis on the broker, read from the retained <c>pichassis/+/info</c> and <c>status</c>.
/// MQTT never says "no more retained messages", so the session sends itself a marker after
/// subscribing: the broker delivers it after the retained messages it queued first.
/// </summary>
public static class ChassisDirectory
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<KnownChassis>> DiscoverAsync(BrokerSession session, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(session);
        var infos = new ConcurrentDictionary<string, Shared.Payloads.InfoPayload?>(StringComparer.Ordinal);
        var statuses = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var marker = $"{session.ReplyBase}/sync";
        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnMessage(MqttApplicationMessage message)
        {
            if (message.Topic == marker)
            {
                synced.TrySetResult();
            }
            else if (TryChassisLevel(message.Topic, "info", out var id))
            {
                infos[id] = ParseInfo(message.ConvertPayloadToString());
            }
            else if (TryChassisLevel(message.Topic, "status", out id))
            {
                statuses[id] = message.ConvertPayloadToString();
            }
        }

        session.Received += OnMessage;
        try
        {
            await session.SubscribeAsync([$"{Topics.Root}/+/info", $"{Topics.Root}/+/status", marker], cancel);
            await session.PublishAsync(marker, "sync", cancel);
            await synced.Task.WaitAsync(Patience, cancel);
        }
        catch (TimeoutException)
        {
            // Whatever arrived is what the broker holds; a silent broker just means no chassis.
        }
        finally
        {
            session.Received -= OnMessage;
        }

        return [.. infos.Keys.Union(statuses.Keys).Order(StringComparer.Ordinal)
            .Select(id => new KnownChassis(id, infos.GetValueOrDefault(id), statuses.GetValueOrDefault(id)))];
    }

    /// <summary>The chassis id of <c>pichassis/&lt;cid&gt;/&lt;leaf&gt;</c>.</summary>
    public static bool TryChassisLevel(string topic, string leaf, out string id)
    {
        var parts = topic.Split('/');
        id = parts.Length == 3 && parts[0] == Topics.Root && parts[2] == leaf && Topics.IsValidChassisId(parts[1]) ? parts[1] : "";
        return id.Length > 0;
    }

    private static Shared.Payloads.InfoPayload? ParseInfo(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, PiChassisJson.Wire.InfoPayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
