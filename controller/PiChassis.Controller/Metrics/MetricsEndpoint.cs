using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using Prometheus;

namespace PiChassis.Controller.Metrics;

/// <summary>
/// Serves <c>/metrics</c> on an HttpListener (no ASP.NET): OpenMetrics when the scraper asks for it
/// (Prometheus does), the classic Prometheus text otherwise. prometheus-net's own HttpListener server
/// ignores the Accept header, so the negotiation is done here and prometheus-net only serialises.
/// Each scrape first copies the engine's state on the engine loop and takes the latest snapshot.
/// A port that cannot be opened is logged, not fatal: protection does not depend on metrics.
/// </summary>
public sealed partial class MetricsEndpoint : IHostedService, IDisposable
{
    private const string OpenMetricsType = "application/openmetrics-text";
    private static readonly TimeSpan ReadoutTimeout = TimeSpan.FromSeconds(5);
    private readonly ChassisMetrics _metrics;
    private readonly SnapshotHub _hub;
    private readonly PowerEngineLoop _loop;
    private readonly MetricsOptions _options;
    private readonly ILogger<MetricsEndpoint> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private HttpListener? _listener;
    private Task? _serving;

    public MetricsEndpoint(ChassisMetrics metrics, SnapshotHub hub, PowerEngineLoop loop, IOptions<MetricsOptions> options, ILogger<MetricsEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _hub = hub;
        _loop = loop;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!MetricsOptionsValidator.TryParseListen(_options.Listen, out var endPoint))
        {
            return Task.CompletedTask; // the configuration check has reported it already
        }

        var listener = new HttpListener();
        listener.Prefixes.Add($"http://{HostName(endPoint.Address)}:{endPoint.Port}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            listener.Close();
            LogCannotListen(_options.Listen, e.Message);
            return Task.CompletedTask;
        }

        _listener = listener;
        _serving = Task.Run(ServeAsync, CancellationToken.None);
        LogListening(_options.Listen);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Close();
        if (_serving is not null)
        {
            await _serving.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _listener?.Close();
        _stopping.Dispose();
    }

    // HttpListener matches requests by host name: "+" takes every address a wildcard listen stands for.
    private static string HostName(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
        : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]"
        : address.ToString();

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener!.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed by StopAsync
            }

            // One scrape at a time is plenty for Prometheus and keeps a flood of requests from piling up.
            await RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath.TrimEnd('/') != "/metrics")
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        var openMetrics = context.Request.Headers["Accept"]?.Contains(OpenMetricsType, StringComparison.OrdinalIgnoreCase) == true;
        try
        {
            await RefreshAsync();
            using var body = new MemoryStream();
            await _metrics.Registry.CollectAndExportAsTextAsync(body, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, _stopping.Token);
            response.ContentType = openMetrics
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or InvalidOperationException)
        {
            // Cancelled or timed out, the client went away, or the engine loop has stopped.
            LogScrapeFailed(e.Message);
            response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
        }
    }

    private async Task RefreshAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(ReadoutTimeout);
        var readout = await _loop.RunAsync(EngineReadout.From).WaitAsync(timeout.Token);
        _metrics.Update(_hub.Latest, readout);
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Information, Message = "Metrics served on http://{Listen}/metrics")]
    private partial void LogListening(string listen);

    [LoggerMessage(EventId = 721, Level = LogLevel.Error, Message = "Metrics endpoint {Listen} cannot listen: {Reason}; running without metrics")]
    private partial void LogCannotListen(string listen, string reason);

    [LoggerMessage(EventId = 722, Level = LogLevel.Warning, Message = "Metrics scrape failed: {Reason}")]
    private partial void LogScrapeFailed(string reason);
}
