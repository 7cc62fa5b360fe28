using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>Who made a request: an account signed in by Basic auth or by a session's token.</summary>
public sealed record RedfishCaller(string UserName, RedfishRole Role, string? SessionId)
{
    /// <summary>Redfish's ConfigureComponents: reset, identify, boot override.</summary>
    public bool CanConfigureComponents => Role is RedfishRole.Administrator or RedfishRole.Operator;

    /// <summary>Redfish's ConfigureManager and ConfigureUsers: settings, accounts, other users' sessions.</summary>
    public bool CanConfigureManager => Role == RedfishRole.Administrator;
}
