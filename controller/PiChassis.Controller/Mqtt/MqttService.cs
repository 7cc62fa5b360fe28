using Microsoft.Extensions.Hosting;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Runs the controller's MQTT side: puts the learnt node names back, starts the publisher and the
/// connection loop; on stop says <c>offline</c> (retained) and disconnects cleanly. It never
/// blocks start-up on the broker: protection runs whether or not the broker is there.
/// </summary>
public sealed class MqttService(
    MqttConnection connection,
    MessageRouter router,
    ChassisPublisher publisher,
    RequestHandler requests,
    NodeIdentity identity,
    PowerEngineLoop loop,
    Topics topics) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        loop.Post(identity.Restore);
        connection.MessageReceived = router.RouteAsync;
        publisher.Start();
        await connection.StartAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await publisher.StopAsync();
        await requests.StopAsync();
        await connection.StopAsync(MqttMessages.Text(topics.Status, Availability.Offline, retain: true));
    }
}
