namespace PiChassis.Controller.Configuration;

/// <summary>
/// The broker the controller speaks to. Section <c>Mqtt</c>. Without <see cref="Host"/>, a simulated
/// controller starts its own (embedded) broker on <see cref="EmbeddedAddress"/>:<see cref="Port"/>;
/// one on hardware uses the Mosquitto on its own Pi unless <see cref="Embedded"/> is set.
/// </summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>The broker's host; null: the embedded broker or, on hardware, localhost.</summary>
    public string? Host { get; set; }

    /// <summary>Run the embedded broker; null: only with <c>--simulate</c> and no <see cref="Host"/>.</summary>
    public bool? Embedded { get; set; }

    public int Port { get; set; } = 1883;

    /// <summary>Also the one login the embedded broker asks of every client, when set and without <see cref="EmbeddedAccountsFile"/>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Null: <c>pichassis-&lt;chassis id&gt;</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>TLS to the broker; implied by <see cref="CaFile"/>. Without a CA file the system's trusted roots apply.</summary>
    public bool Tls { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate and its key, for brokers that require one.</summary>
    public string? ClientCertFile { get; set; }

    public string? ClientKeyFile { get; set; }

    /// <summary>The address the embedded broker listens on; loopback unless the network should reach it.</summary>
    public string EmbeddedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The embedded broker's accounts: a Mosquitto password file (<c>mosquitto_passwd</c>, hashed,
    /// mode 0600), user names as in the shipped ACL (<c>chassis-&lt;id&gt;</c>, <c>slurm</c>,
    /// <c>dashboard</c>, <c>homeassistant</c>, nodes by name), each held to its role's topics. Required
    /// for a non-loopback <see cref="EmbeddedAddress"/>.
    /// </summary>
    public string? EmbeddedAccountsFile { get; set; }

    /// <summary>PEM certificate and key: the embedded broker then takes TLS on <see cref="EmbeddedTlsPort"/> and plain MQTT on loopback only.</summary>
    public string? EmbeddedCertFile { get; set; }

    public string? EmbeddedKeyFile { get; set; }

    public int EmbeddedTlsPort { get; set; } = 8883;

    /// <summary>
    /// The largest publish (topic and payload, bytes) the embedded broker passes on; a larger one is
    /// dropped and its sender disconnected. The largest legitimate message (an <c>events</c> answer of
    /// 1000 events, Home Assistant discovery) stays well below the default.
    /// </summary>
    public int EmbeddedMaxPacketSize { get; set; } = 512 * 1024;

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first wait before reconnecting; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Home Assistant device discovery.</summary>
    public bool Discovery { get; set; } = true;

    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Commands and requests accepted per second on average (bursts up to ten times this); the rest are refused.</summary>
    public double CommandRatePerSecond { get; set; } = 20;

    public bool UsesTls => Tls || CaFile is not null;
}
