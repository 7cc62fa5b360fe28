using System.Net;
using System.Net.Sockets;
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
        return new BrokerEndpoint(mqtt.Host ?? (embedded ? EmbeddedPlainAddress(mqtt).ToString() : LocalHost), mqtt.Port, embedded);
    }

    /// <summary>
    /// Where the embedded broker takes plain MQTT: <c>Mqtt:EmbeddedAddress</c>, or with TLS configured
    /// loopback only (of the same family), for the controller's own clients.
    /// </summary>
    public static IPAddress EmbeddedPlainAddress(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        var address = IPAddress.Parse(mqtt.EmbeddedAddress);
        if (mqtt.EmbeddedCertFile is null)
        {
            return address;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
    }
}
