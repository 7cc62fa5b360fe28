using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MQTTnet;
using MQTTnet.Protocol;

namespace PiChassis.Controller.Mqtt;

/// <summary>Builds the controller's messages: QoS 1 unless said otherwise (telemetry is QoS 0).</summary>
public static class MqttMessages
{
    public static MqttApplicationMessage Json<T>(
        string topic,
        T payload,
        JsonTypeInfo<T> typeInfo,
        bool retain = false,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        uint expiryS = 0) =>
        Bytes(topic, JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo), retain, qos, expiryS);

    public static MqttApplicationMessage Text(string topic, string payload, bool retain = false) =>
        Bytes(topic, Encoding.UTF8.GetBytes(payload), retain, MqttQualityOfServiceLevel.AtLeastOnce, 0);

    public static MqttApplicationMessage Bytes(string topic, byte[] payload, bool retain, MqttQualityOfServiceLevel qos, uint expiryS)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(qos);
        if (expiryS > 0)
        {
            builder.WithMessageExpiryInterval(expiryS);
        }

        return builder.Build();
    }
}
