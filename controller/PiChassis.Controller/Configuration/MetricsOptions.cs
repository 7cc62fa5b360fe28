namespace PiChassis.Controller.Configuration;

/// <summary>The optional OpenMetrics endpoint for Prometheus and Grafana, <c>/metrics</c> on the Redfish server. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Off by default: nothing is served unless an operator asks for it.</summary>
    public bool Enabled { get; set; }

    /// <summary>Off by default: anyone who reaches the port may scrape; on, a Redfish account (any role) must sign in.</summary>
    public bool RequireAuth { get; set; }

    /// <summary>Removed (metrics had a port of their own); kept only so that a configuration still setting it is refused with the replacement.</summary>
    public string? Listen { get; set; }
}
