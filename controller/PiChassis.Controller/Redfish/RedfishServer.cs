using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Metrics;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The controller's one HTTP server: Redfish and <c>/metrics</c> (<see cref="HttpFeatures"/>), a slim
/// Kestrel application of its own, handed the controller's singletons, so the controller's generic
/// host stays as it is. Plain HTTP on loopback, HTTPS with the configured certificate elsewhere. The
/// autoscaler's gRPC service has a listener of its own (<see cref="AutoscalerEndpoint"/>). A port that
/// cannot be opened is logged, not fatal: protection does not depend on Redfish, metrics or the autoscaler.
/// Handlers read and act through <see cref="PowerEngineLoop.RunAsync{T}"/> only.
/// </summary>
public sealed partial class RedfishServer(
    RedfishGate gate,
    ServiceEndpoints service,
    SystemEndpoints systems,
    ChassisEndpoints chassis,
    ManagerEndpoints managers,
    SessionEndpoints sessions,
    AccountEndpoints accounts,
    EventServiceEndpoints events,
    RedfishAccounts accountList,
    HttpFeatures features,
    IOptions<RedfishOptions> options,
    ILoggerFactory loggers,
    MetricsEndpoint? metrics = null,
    AutoscalerEndpoint? autoscaler = null) : IHostedService, IAsyncDisposable
{
    /// <summary>Methods every readable resource answers.</summary>
    public static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    private static readonly TimeSpan LoopTimeout = TimeSpan.FromSeconds(5);
    private readonly ILogger<RedfishServer> _logger = loggers.CreateLogger<RedfishServer>();
    private readonly ClientConnections _connections = new();
    private WebApplication? _app;

    /// <summary>The service's base address (<c>http://127.0.0.1:8443</c>) once started; null when it could not listen.</summary>
    public Uri? BaseUri { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var web = features.WebListener;
        IPAddress? address = null;
        X509Certificate2? certificate = null;
        if (web && !TryPrepareWebListener(settings, out address, out certificate))
        {
            web = false;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RedfishBody.MaxBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxConcurrentConnections = 128;
            if (web)
            {
                kestrel.Listen(address!, settings.Port, listen =>
                {
                    listen.Use(_connections.Limit);
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                });
            }

            if (autoscaler?.Listen(kestrel) == false)
            {
                autoscaler = null;
            }
        });
        autoscaler?.AddServices(builder.Services);
        var app = builder.Build();

        // The autoscaler authenticates by client certificate on its own listener; the Redfish gate is for the other.
        app.Use((context, next) => autoscaler is not null && AutoscalerEndpoint.IsAutoscaler(context) ? next(context) : gate.InvokeAsync(context, next));
        app.UseRouting();
        if (autoscaler is not null)
        {
            app.Use(AutoscalerEndpoint.GuardAsync);
            AutoscalerEndpoint.Map(app);
        }

        if (features.Redfish && web)
        {
            service.Map(app);
            systems.Map(app);
            chassis.Map(app);
            managers.Map(app);
            sessions.Map(app);
            accounts.Map(app);
            events.Map(app);
        }

        if (web)
        {
            metrics?.Map(app);
        }

        if (!web && autoscaler is null)
        {
            await app.DisposeAsync();
            return;
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            LogCannotListen($"{settings.Address}:{settings.Port}", e.Message);
            return;
        }

        _app = app;
        autoscaler?.Started();
        if (!web)
        {
            return;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => autoscaler?.BaseUri is not { } other || new Uri(a).Port != other.Port);
        BaseUri = bound is null ? null : new Uri(bound);
        if (metrics is not null)
        {
            var metricsUrl = $"{BaseUri}metrics";
            LogMetrics(metricsUrl);
        }

        if (!features.Redfish)
        {
            return;
        }

        var url = $"{BaseUri}redfish/v1";
        LogListening(url);
        if (accountList.HasDevelopmentAccount)
        {
            LogDevelopmentAccount(RedfishAccounts.DevelopmentUser, RedfishAccounts.DevelopmentPassword);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the engine loop; when the loop is full or stopped, answers 503 and returns default.</summary>
    public static async Task<T?> OnLoopAsync<T>(HttpContext context, PowerEngineLoop loop, Func<PowerEngine, T> work)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(loop);
        try
        {
            return await loop.RunAsync(work).WaitAsync(LoopTimeout, context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, RedfishMessage.ServiceTemporarilyUnavailable(e.Message));
            return null;
        }
    }

    /// <summary>The Redfish listener's address and certificate; false (logged) when they cannot be used.</summary>
    private bool TryPrepareWebListener(RedfishOptions settings, out IPAddress address, out X509Certificate2? certificate)
    {
        certificate = null;
        if (!RedfishOptionsValidator.TryParseAddress(settings.Address, out address))
        {
            return false; // the configuration check has reported it already
        }

        if (settings.CertificatePath is { } path)
        {
            try
            {
                certificate = LoadCertificate(path, settings.CertificatePassword);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                LogCannotListen($"{settings.Address}:{settings.Port}", $"certificate {path}: {e.Message}");
                return false;
            }
        }

        return true;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509Certificate2.CreateFromPemFile(path);

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Redfish service on {Url}")]
    private partial void LogListening(string url);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Redfish development account: {User} / {Password} (Administrator; only in simulation on loopback)")]
    private partial void LogDevelopmentAccount(string user, string password);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "HTTP server {Listen} cannot listen: {Reason}; running without Redfish and metrics")]
    private partial void LogCannotListen(string listen, string reason);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "Metrics served on {Url}")]
    private partial void LogMetrics(string url);
}
