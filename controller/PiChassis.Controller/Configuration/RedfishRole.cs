namespace PiChassis.Controller.Configuration;

/// <summary>Redfish's standard roles, most privileged first (docs/redfish.md, "Security").</summary>
public enum RedfishRole
{
    /// <summary>Everything, including settings and accounts.</summary>
    Administrator,

    /// <summary>Reads, resets systems and sets identify and boot overrides.</summary>
    Operator,

    /// <summary>Reads only.</summary>
    ReadOnly,
}
