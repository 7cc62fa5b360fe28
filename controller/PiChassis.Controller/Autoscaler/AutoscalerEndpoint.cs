using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// The autoscaler's listener on the controller's HTTP server (<see cref="Redfish.RedfishServer"/>): HTTP/2
/// only, its own address and port, mutual TLS with client certificates checked against the configured
/// CA alone (plaintext only on loopback without certificates). Its connections are marked, so the gRPC
/// service answers only here and Redfish and metrics never do.
/// </summary>
public sealed partial class AutoscalerEndpoint(
    CloudProviderService service,
    AutoscalerRateLimit rateLimit,
    IOptions<AutoscalerOptions> options,
    ILogger<AutoscalerEndpoint> logger)
{
    /// <summary>Messages larger than this are refused: the biggest request (a delete of every node of a chassis) is a few KiB.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private static readonly object ConnectionKey = new();
    private ListenOptions? _listen;

    /// <summary>The address the service is bound to (<c>https://127.0.0.1:8086/</c>) once started.</summary>
    public Uri? BaseUri { get; private set; }

    /// <summary>Whether the request came in on the autoscaler's listener.</summary>
    public static bool IsAutoscaler(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionKey) == true;
    }

    /// <summary>Adds the listener; false (logged) when its address or certificates cannot be used.</summary>
    public bool Listen(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var settings = options.Value;
        if (!RedfishOptionsValidator.TryParseAddress(settings.Address, out var address))
        {
            return false; // the configuration check has reported it already
        }

        HttpsConnectionAdapterOptions? https = null;
        if (settings.UsesTls)
        {
            try
            {
                https = MutualTls(settings);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
            {
                LogCannotListen($"{settings.Address}:{settings.Port}", e.Message);
                return false;
            }
        }

        kestrel.Listen(address, settings.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(next => connection =>
            {
                connection.Items[ConnectionKey] = true;
                return next(connection);
            });
            if (https is not null)
            {
                listen.UseHttps(https);
            }

            _listen = listen;
        });
        return true;
    }

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton(service);
        services.AddSingleton(rateLimit);
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.Interceptors.Add<AutoscalerRateLimit>();
        });
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapGrpcService<CloudProviderService>();

    /// <summary>After routing: gRPC only on this listener, and nothing else on it.</summary>
    public static Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var grpc = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
        if (grpc != IsAutoscaler(context))
        {
            context.SetEndpoint(null);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>Logs where it listens, once the server has started.</summary>
    public void Started()
    {
        if (_listen?.IPEndPoint is not { } bound)
        {
            return;
        }

        var scheme = options.Value.UsesTls ? "https" : "http";
        var url = $"{scheme}://{bound}/";
        BaseUri = new Uri(url);
        if (options.Value.UsesTls)
        {
            LogListening(url, "mutual TLS");
        }
        else
        {
            LogPlaintext(url);
        }
    }

    private static HttpsConnectionAdapterOptions MutualTls(AutoscalerOptions settings)
    {
        var certificate = X509Certificate2.CreateFromPemFile(settings.CertificatePath!, settings.KeyPath);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(settings.ClientCaPath!);
        if (authorities.Count == 0)
        {
            throw new System.Security.Cryptography.CryptographicException($"{settings.ClientCaPath} holds no certificate");
        }

        return new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = (client, _, _) => IsSignedBy(client, authorities),
        };
    }

    /// <summary>Trusts the configured CA only, never the system's store: any public CA's certificate is refused.</summary>
    private static bool IsSignedBy(X509Certificate2 client, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(client);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Autoscaler gRPC service on {Url} ({Security})")]
    private partial void LogListening(string url, string security);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Autoscaler gRPC service on {Url} in plaintext HTTP/2 (h2c), for development on loopback only: give certificates for mutual TLS")]
    private partial void LogPlaintext(string url);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Autoscaler gRPC service {Listen} cannot listen: {Reason}; running without it")]
    private partial void LogCannotListen(string listen, string reason);
}
