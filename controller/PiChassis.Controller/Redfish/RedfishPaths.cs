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

    /// <summary>The Id of the chassis that holds the slots, the PSU, the probes and the fan.</summary>
    public const string EnclosureId = "enclosure";

    /// <summary>The Id of the controller as a Manager.</summary>
    public const string ControllerId = "controller";

    /// <summary>The Id of the controller's one log service, the event journal.</summary>
    public const string JournalId = "Journal";

    public static string Enclosure => $"{Chassis}/{EnclosureId}";

    public static string Controller => $"{Managers}/{ControllerId}";

    public static string LogServices => $"{Controller}/LogServices";

    public static string Journal => $"{LogServices}/{JournalId}";

    public static string JournalEntries => $"{Journal}/Entries";

    public static string JournalEntry(long seq) => string.Create(CultureInfo.InvariantCulture, $"{JournalEntries}/{seq}");

    /// <summary>A slot's chassis: the same Id as its system.</summary>
    public static string SlotChassis(int slot) => string.Create(CultureInfo.InvariantCulture, $"{Chassis}/{slot}");

    /// <summary>A resource under a chassis (<c>Power</c>, <c>Sensors</c>, …) by the chassis' Id.</summary>
    public static string OfChassis(string chassisId, string part) => $"{Chassis}/{chassisId}/{part}";

    public static string System(int slot) => string.Create(CultureInfo.InvariantCulture, $"{Systems}/{slot}");

    public static string Reset(int slot) => $"{System(slot)}/Actions/ComputerSystem.Reset";

    public static string ResetActionInfo(int slot) => $"{System(slot)}/ResetActionInfo";

    /// <summary>The slot of a system Id: its number as written by <see cref="System"/>, nothing else ("01" is no Id).</summary>
    public static bool TryParseSystemId(string? id, out int slot) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out slot) && slot.ToString(CultureInfo.InvariantCulture) == id;
}
