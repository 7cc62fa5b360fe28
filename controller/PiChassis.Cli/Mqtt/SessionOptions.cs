using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using PiChassis.Cli.Connection;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Cli.Mqtt;

/// <summary>MQTTnet options for the CLI: MQTT 5, a clean short-lived session, TLS trusting only the given CA.</summary>
internal static class SessionOptions
{
    public static MqttClientOptions Create(ConnectionSettings settings, string clientId)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (!string.IsNullOrEmpty(settings.User))
        {
            builder.WithCredentials(settings.User, settings.Password ?? "");
        }

        if (settings.CaFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            builder.WithTlsOptions(tls => tls.UseTls(true).WithTargetHost(settings.Host)
                .WithCertificateValidationHandler(args => BrokerCertificate.IsTrusted(args.Certificate, args.SslPolicyErrors, roots)));
        }

        return builder.Build();
    }
}
