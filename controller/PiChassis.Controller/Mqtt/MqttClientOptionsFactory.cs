using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using PiChassis.Controller.Configuration;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Builds MQTTnet's client options from <see cref="MqttOptions"/>: MQTT 5, a clean start (commands
/// sent while the controller was away are not replayed into the relays), credentials, the will,
/// and TLS with the configured CA as the only trusted root.
/// </summary>
public static class MqttClientOptionsFactory
{
    /// <summary>Larger messages are dropped by the broker before they reach us; docs/mqtt-api.md refuses above 8 KiB anyway.</summary>
    public const uint MaximumPacketSize = 64 * 1024;

    /// <summary>
    /// The socket's buffers. MQTTnet sets them itself (8 KiB unless told), which turns off the kernel's
    /// tuning: under a 20 000 msg/s flood the receive window closed hundreds of times a minute and the
    /// kernel collapsed and dropped queued segments; with 256 KiB it did neither.
    /// </summary>
    public const int SocketBufferSize = 256 * 1024;

    /// <param name="login">Overrides <c>Mqtt:Username</c>/<c>Password</c>: the controller's own login to its embedded broker with accounts.</param>
    public static MqttClientOptions Create(MqttOptions options, BrokerEndpoint endpoint, string clientId, MqttApplicationMessage? will, BrokerLogin? login = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.Host;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, endpoint.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithMaximumPacketSize(MaximumPacketSize);
        if (login is not null)
        {
            builder.WithCredentials(login.User, login.Password);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, options.Password ?? "");
        }

        if (will is not null)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload.ToArray())
                .WithWillRetain(will.Retain)
                .WithWillQualityOfServiceLevel(will.QualityOfServiceLevel);
        }

        if (options.UsesTls)
        {
            builder.WithTlsOptions(tls => ConfigureTls(tls, options, host));
        }

        var built = builder.Build();
        ((MqttClientTcpOptions)built.ChannelOptions).BufferSize = SocketBufferSize;
        return built;
    }

    private static void ConfigureTls(MqttClientTlsOptionsBuilder tls, MqttOptions options, string host)
    {
        tls.UseTls(true).WithTargetHost(host);
        if (options.CaFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.CaFile);
            tls.WithCertificateValidationHandler(args => BrokerCertificate.IsTrusted(args.Certificate, args.SslPolicyErrors, roots));
        }

        if (options.ClientCertFile is not null && options.ClientKeyFile is not null)
        {
            tls.WithClientCertificates([X509Certificate2.CreateFromPemFile(options.ClientCertFile, options.ClientKeyFile)]);
        }
    }
}
