namespace PiChassis.Controller.Redfish;

/// <summary>
/// What the controller's one HTTP server serves: Redfish (<c>Redfish:Enabled</c>), <c>/metrics</c>
/// (<c>Metrics:Enabled</c>) on its listener, and the autoscaler's gRPC service (<c>Autoscaler:Enabled</c>) on one of its own.
/// </summary>
public sealed record HttpFeatures(bool Redfish, bool Metrics, bool Autoscaler = false)
{
    /// <summary>Whether the Redfish listener opens: for Redfish or metrics.</summary>
    public bool WebListener => Redfish || Metrics;
}
