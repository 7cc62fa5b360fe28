using Microsoft.Extensions.Logging;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Drops a publish larger than <c>Mqtt:EmbeddedMaxPacketSize</c> and disconnects its sender.
/// MQTTnet has no packet size limit of its own and reads a whole packet (up to MQTT's 256 MB) before
/// anyone sees it: so the packet is in memory once, briefly, but it is never queued, retained,
/// delivered to subscribers (the controller included) or parsed, and its sender cannot send another.
/// </summary>
internal sealed partial class PacketSizeGuard(MqttServer server, int maxPacketSize, ILogger logger)
{
    public Task InterceptAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is not MqttPublishPacket publish || publish.Payload.Length + publish.Topic.Length <= maxPacketSize)
        {
            return Task.CompletedTask;
        }

        args.ProcessPacket = false;
        LogTooLarge(logger, args.ClientId, publish.Topic, publish.Payload.Length, maxPacketSize);

        // Not awaited: the disconnect waits for this client's receive loop, which is waiting for us.
        var clientId = args.ClientId;
        _ = Task.Run(() => server.DisconnectClientAsync(clientId, MqttDisconnectReasonCode.PacketTooLarge));
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 418, Level = LogLevel.Warning, Message = "Embedded broker: client {ClientId} published {Bytes} bytes on {Topic}, above the {Limit} byte limit; dropped and disconnected")]
    private static partial void LogTooLarge(ILogger logger, string clientId, string topic, long bytes, int limit);
}
