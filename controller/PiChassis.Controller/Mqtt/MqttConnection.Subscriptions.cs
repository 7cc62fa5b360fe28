using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Filters that change at run time (a chassis's own node heartbeats, as names are learnt and
/// rejected): the newest set wins, the difference is applied at once when connected, and the whole
/// set goes with the fixed filters after every reconnect.
/// </summary>
public sealed partial class MqttConnection
{
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private IReadOnlyList<MqttTopicFilter> _wanted = [];
    private HashSet<string> _subscribed = [];

    /// <summary>Replaces the run-time filters. Returns at once (it may be called on the engine loop); the broker is told in the background.</summary>
    public void SetRuntimeSubscriptions(IReadOnlyList<MqttTopicFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        Volatile.Write(ref _wanted, filters);
        _ = Task.Run(ApplyRuntimeSubscriptionsAsync);
    }

    private async Task ApplyRuntimeSubscriptionsAsync()
    {
        await _subscribing.WaitAsync();
        try
        {
            if (!_client.IsConnected)
            {
                return;
            }

            var wanted = Volatile.Read(ref _wanted);
            var topics = wanted.Select(f => f.Topic).ToHashSet();
            var added = wanted.Where(f => !_subscribed.Contains(f.Topic)).ToList();
            var gone = _subscribed.Where(t => !topics.Contains(t)).ToList();
            using var timeout = new CancellationTokenSource(OperationTimeout, _time);
            if (added.Count > 0)
            {
                await _client.SubscribeAsync(new MqttClientSubscribeOptions { TopicFilters = added }, timeout.Token);
            }

            if (gone.Count > 0)
            {
                await _client.UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = gone }, timeout.Token);
            }

            _subscribed = topics;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next reconnect subscribes the whole set again.
            LogRuntimeSubscribeFailed(e.Message);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    [LoggerMessage(EventId = 414, Level = LogLevel.Warning, Message = "MQTT subscription change failed: {Reason}; retried at the next reconnect")]
    private partial void LogRuntimeSubscribeFailed(string reason);
}
