using System.Net;
using System.Security.Cryptography;
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
/// when they are set. It does not send a client's will on a DisconnectWithWillMessage; Mosquitto does.
/// When its port is taken the controller runs on without MQTT rather than talk to a stranger's broker.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, BrokerEndpoint endpoint, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
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

        // MQTTnet listens on both address families, IPv6 on every interface unless told otherwise:
        // the configured address gets its own family and the other family none.
        var address = IPAddress.Parse(mqtt.EmbeddedAddress);
        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(v6 ? IPAddress.None : address)
            .WithDefaultEndpointBoundIPV6Address(v6 ? address : IPAddress.None)
            .WithDefaultEndpointPort(mqtt.Port)
            .WithDefaultEndpointReuseAddress()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
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
        try
        {
            await _server.StartAsync();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            Unavailable = true;
            LogStartFailed(mqtt.EmbeddedAddress, mqtt.Port, e.Message);
            return;
        }

        var authenticated = !string.IsNullOrEmpty(mqtt.Username);
        LogStarted(mqtt.EmbeddedAddress, mqtt.Port, authenticated);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        }
    }

    public void Dispose() => _server?.Dispose();

    private static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port} (credentials required: {Authenticated})")]
    private partial void LogStarted(string address, int port, bool authenticated);

    [LoggerMessage(EventId = 412, Level = LogLevel.Critical, Message = "Embedded MQTT broker could not listen on {Address}:{Port}: {Reason}; running without MQTT (a broker already there? use --mqtt-host, or another --mqtt-port)")]
    private partial void LogStartFailed(string address, int port, string reason);
}
