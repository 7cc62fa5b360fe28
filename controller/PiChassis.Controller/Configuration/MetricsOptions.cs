namespace PiChassis.Controller.Configuration;

/// <summary>The optional OpenMetrics endpoint for Prometheus and Grafana. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Off by default: nothing listens unless an operator asks for it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// <c>address:port</c> to serve <c>/metrics</c> on; loopback by default, so a remote scraper needs
    /// an explicit address (e.g. <c>0.0.0.0:9464</c>) or a reverse proxy.
    /// </summary>
    public string Listen { get; set; } = "127.0.0.1:9464";
}
