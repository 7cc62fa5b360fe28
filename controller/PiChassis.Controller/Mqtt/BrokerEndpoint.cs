using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Where the controller's clients connect: <c>Mqtt:Host</c> when set; else the embedded broker when
/// it runs (by default with <c>--simulate</c>, or <c>Mqtt:Embedded</c>); else a broker on this Pi.
/// </summary>
public sealed record BrokerEndpoint(string Host, int Port, bool Embedded)
{
    /// <summary>A Mosquitto on the controller Pi itself, as the deploy example installs it.</summary>
    public const string LocalHost = "localhost";

    public static BrokerEndpoint From(MqttOptions mqtt, bool simulated)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        var embedded = mqtt.Host is null && (mqtt.Embedded ?? simulated);
        return new BrokerEndpoint(mqtt.Host ?? (embedded ? mqtt.EmbeddedAddress : LocalHost), mqtt.Port, embedded);
    }
}
