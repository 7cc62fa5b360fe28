using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// The broker the controller brings along (<see cref="BrokerEndpoint.Embedded"/>, as with
/// <c>--simulate</c>): MQTTnet.Server on loopback, asking for <c>Mqtt:Username</c>/<c>Password</c>
/// when they are set. With <c>Mqtt:EmbeddedAccountsFile</c> every client logs in and is held to its
/// role's topics (<see cref="BrokerAccess"/>); with a certificate it takes TLS on
/// <c>Mqtt:EmbeddedTlsPort</c>. Publishes above <c>Mqtt:EmbeddedMaxPacketSize</c> are dropped and
/// their sender disconnected. It does not send a client's will on a DisconnectWithWillMessage;
/// Mosquitto does. When its port is taken the controller runs on without MQTT rather than talk to a
/// stranger's broker.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, BrokerEndpoint endpoint, BrokerAccounts accounts, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    /// <summary>The embedded broker was wanted but could not listen: the controller's MQTT side stays off.</summary>
    public bool Unavailable { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var mqtt = options.Value;
        if (!endpoint.Embedded)
        {
            return;
        }

        _server = new MqttServerFactory().CreateMqttServer(ServerOptions(mqtt));
        _server.ValidatingConnectionAsync += args =>
        {
            // Clients may leave the id to the broker (mosquitto_sub does): give them one, as Mosquitto does.
            if (string.IsNullOrEmpty(args.ClientId))
            {
                args.AssignedClientIdentifier = $"auto-{Guid.NewGuid():N}";
            }

            if (!string.IsNullOrEmpty(mqtt.Username) && (!Matches(args.UserName, mqtt.Username) || !Matches(args.Password, mqtt.Password ?? "")))
            {
                args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }

            return Task.CompletedTask;
        };
        _server.InterceptingInboundPacketAsync += new PacketSizeGuard(_server, mqtt.EmbeddedMaxPacketSize, logger).InterceptAsync;
        if (accounts.Enabled)
        {
            new BrokerAccess(accounts, logger).Attach(_server);
        }

        try
        {
            await _server.StartAsync();
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            Unavailable = true;
            LogStartFailed(mqtt.EmbeddedAddress, mqtt.Port, e.Message);
            return;
        }

        var authenticated = accounts.Enabled || !string.IsNullOrEmpty(mqtt.Username);
        LogStarted(endpoint.Host, mqtt.Port, authenticated);
        if (mqtt.EmbeddedCertFile is not null)
        {
            LogTls(mqtt.EmbeddedAddress, mqtt.EmbeddedTlsPort);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        }
    }

    public void Dispose() => _server?.Dispose();

    private static MqttServerOptions ServerOptions(MqttOptions mqtt)
    {
        // MQTTnet listens on both address families, IPv6 on every interface unless told otherwise:
        // each address gets its own family and the other family none.
        var plain = BrokerEndpoint.EmbeddedPlainAddress(mqtt);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IsV6(plain) ? IPAddress.None : plain)
            .WithDefaultEndpointBoundIPV6Address(IsV6(plain) ? plain : IPAddress.None)
            .WithDefaultEndpointPort(mqtt.Port)
            .WithDefaultEndpointReuseAddress();
        if (mqtt.EmbeddedCertFile is not null && mqtt.EmbeddedKeyFile is not null)
        {
            var address = IPAddress.Parse(mqtt.EmbeddedAddress);
            using var pem = X509Certificate2.CreateFromPemFile(mqtt.EmbeddedCertFile, mqtt.EmbeddedKeyFile);

            // SslStream wants the key in a store-backed certificate; a PKCS#12 round trip gives it one.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(mqtt.EmbeddedTlsPort)
                .WithEncryptedEndpointBoundIPAddress(IsV6(address) ? IPAddress.None : address)
                .WithEncryptedEndpointBoundIPV6Address(IsV6(address) ? address : IPAddress.None)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
        }

        return builder.Build();
    }

    private static bool IsV6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port} (credentials required: {Authenticated})")]
    private partial void LogStarted(string address, int port, bool authenticated);

    [LoggerMessage(EventId = 412, Level = LogLevel.Critical, Message = "Embedded MQTT broker could not listen on {Address}:{Port}: {Reason}; running without MQTT (a broker already there? use --mqtt-host, or another --mqtt-port)")]
    private partial void LogStartFailed(string address, int port, string reason);

    [LoggerMessage(EventId = 417, Level = LogLevel.Information, Message = "Embedded MQTT broker takes TLS on {Address}:{Port}")]
    private partial void LogTls(string address, int port);
}
