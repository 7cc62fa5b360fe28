namespace PiChassis.Controller.Redfish;

/// <summary>What the controller's one HTTP server serves: Redfish (<c>Redfish:Enabled</c>), <c>/metrics</c> (<c>Metrics:Enabled</c>), or both.</summary>
public sealed record HttpFeatures(bool Redfish, bool Metrics);
