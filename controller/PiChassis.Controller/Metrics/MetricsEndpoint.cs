using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Redfish;
using PiChassis.Controller.Sampling;
using Prometheus;

namespace PiChassis.Controller.Metrics;

/// <summary>
/// Serves <c>/metrics</c> on the controller's one HTTP server (<see cref="RedfishServer"/>): OpenMetrics
/// when the scraper asks for it (Prometheus does), the classic Prometheus text otherwise. prometheus-net
/// only serialises; the negotiation is done here. Each scrape first copies the engine's state on the
/// engine loop and takes the latest snapshot. Who may scrape is <see cref="RedfishGate"/>'s call
/// (<c>Metrics:RequireAuth</c>).
/// </summary>
public sealed partial class MetricsEndpoint(ChassisMetrics metrics, SnapshotHub hub, PowerEngineLoop loop, ILogger<MetricsEndpoint> logger) : IDisposable
{
    private const string OpenMetricsType = "application/openmetrics-text";
    private static readonly TimeSpan ReadoutTimeout = TimeSpan.FromSeconds(5);

    // One scrape at a time: the series are set, then serialised, by one scrape (ChassisMetrics.Update).
    private readonly SemaphoreSlim _scrape = new(1, 1);
    private readonly ILogger<MetricsEndpoint> _logger = logger;

    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(RedfishPaths.Metrics, RedfishServer.ReadMethods, ScrapeAsync);
    }

    public void Dispose() => _scrape.Dispose();

    private async Task ScrapeAsync(HttpContext context)
    {
        var openMetrics = context.Request.Headers.Accept.ToString().Contains(OpenMetricsType, StringComparison.OrdinalIgnoreCase);
        byte[] body;
        await _scrape.WaitAsync(context.RequestAborted);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(ReadoutTimeout);
            var readout = await loop.RunAsync(EngineReadout.From).WaitAsync(timeout.Token);
            metrics.Update(hub.Latest, readout);
            using var buffer = new MemoryStream();
            await metrics.Registry.CollectAndExportAsTextAsync(buffer, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, timeout.Token);
            body = buffer.ToArray();
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Timed out, the client went away, or the engine loop has stopped.
            LogScrapeFailed(e.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        finally
        {
            _scrape.Release();
        }

        await RedfishResponse.WriteBytesAsync(context, body, openMetrics
            ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
            : "text/plain; version=0.0.4; charset=utf-8");
    }

    [LoggerMessage(EventId = 722, Level = LogLevel.Warning, Message = "Metrics scrape failed: {Reason}")]
    private partial void LogScrapeFailed(string reason);
}
