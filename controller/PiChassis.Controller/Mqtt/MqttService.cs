using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Runs the controller's MQTT side: puts the learnt node names back (and keeps the heartbeat
/// subscriptions to the chassis's own names), starts the publisher and the connection loop; on stop says <c>offline</c> (retained) and disconnects cleanly. It never
/// blocks start-up on the broker: protection runs whether or not the broker is there. The
/// publisher stops before any hosted service does: it reads the engine loop, which stops first.
/// </summary>
public sealed partial class MqttService(
    MqttConnection connection,
    MessageRouter router,
    ChassisPublisher publisher,
    RequestHandler requests,
    NodeIdentity identity,
    PowerEngineLoop loop,
    Topics topics,
    EmbeddedBroker broker,
    ILogger<MqttService> logger) : IHostedLifecycleService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!broker.Unavailable)
        {
            identity.NodesChanged += OnNodesChanged;
        }

        var saved = identity.LoadSaved();
        loop.Post(engine => identity.Restore(engine, saved));
        if (broker.Unavailable)
        {
            LogMqttOff();
            return;
        }

        connection.MessageReceived = router.RouteAsync;
        publisher.Start();
        await connection.StartAsync();
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => publisher.StopAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await requests.StopAsync();
        await connection.StopAsync(MqttMessages.Text(topics.Status, Availability.Offline, retain: true));
    }

    /// <summary>On the engine loop: the heartbeats of exactly the names the chassis answers to.</summary>
    private void OnNodesChanged(object? sender, IReadOnlyCollection<string> nodes) =>
        connection.SetRuntimeSubscriptions([.. nodes.Where(NodeNames.IsValid).Distinct().Order(StringComparer.Ordinal)
            .Select(n => MqttServices.Filter(Topics.NodeHeartbeat(n), MqttQualityOfServiceLevel.AtMostOnce, retainAsPublished: true))]);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 413, Level = LogLevel.Warning, Message = "MQTT is off: no requests, no telemetry; protection and the journal run as ever")]
    private partial void LogMqttOff();
}
