using MQTTnet;
using MQTTnet.Packets;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// A part outside the MQTT interface that reads topics of its own on the controller's connection (the
/// autoscaler's view of other chassis): its filters are subscribed with the fixed ones, and each message
/// is offered to it before the router's own handling. Handlers must be quick and must not throw.
/// </summary>
public interface IMqttTopicHandler
{
    IReadOnlyList<MqttTopicFilter> Filters { get; }

    /// <summary>True when the message was this handler's (handled or dropped), so the router does nothing more with it.</summary>
    bool TryHandle(MqttApplicationMessage message);
}
