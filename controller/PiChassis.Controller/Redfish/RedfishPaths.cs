using System.Globalization;

namespace PiChassis.Controller.Redfish;

/// <summary>The service's URIs (docs/redfish.md has the map). A system's Id is its slot number, stable across renames.</summary>
public static class RedfishPaths
{
    public const string Root = "/redfish/v1";
    public const string OData = "/redfish/v1/odata";
    public const string Metadata = "/redfish/v1/$metadata";
    public const string Systems = "/redfish/v1/Systems";
    public const string Chassis = "/redfish/v1/Chassis";
    public const string Managers = "/redfish/v1/Managers";
    public const string SessionService = "/redfish/v1/SessionService";
    public const string Sessions = "/redfish/v1/SessionService/Sessions";
    public const string AccountService = "/redfish/v1/AccountService";
    public const string Accounts = "/redfish/v1/AccountService/Accounts";
    public const string Roles = "/redfish/v1/AccountService/Roles";
    public const string EventService = "/redfish/v1/EventService";
    public const string Subscriptions = "/redfish/v1/EventService/Subscriptions";
    public const string ServerSentEvents = "/redfish/v1/EventService/SSE";

    /// <summary>The OpenMetrics endpoint on the same server (not a Redfish resource).</summary>
    public const string Metrics = "/metrics";

    public static string System(int slot) => string.Create(CultureInfo.InvariantCulture, $"{Systems}/{slot}");

    public static string Reset(int slot) => $"{System(slot)}/Actions/ComputerSystem.Reset";

    public static string ResetActionInfo(int slot) => $"{System(slot)}/ResetActionInfo";

    /// <summary>The slot of a system Id: its number as written by <see cref="System"/>, nothing else ("01" is no Id).</summary>
    public static bool TryParseSystemId(string? id, out int slot) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out slot) && slot.ToString(CultureInfo.InvariantCulture) == id;
}
