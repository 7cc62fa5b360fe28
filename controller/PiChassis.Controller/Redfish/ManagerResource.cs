using System.Globalization;
using System.Text.Json.Nodes;
using PiChassis.Controller.Mqtt;
using static PiChassis.Controller.Redfish.ServiceEndpoints;

namespace PiChassis.Controller.Redfish;

/// <summary>The controller as a Redfish Manager, and its one log service, the event journal.</summary>
public static class ManagerResource
{
    public static JsonObject Controller(string chassisId, IReadOnlyList<int> slots, DateTimeOffset now, bool storeBehind)
    {
        ArgumentNullException.ThrowIfNull(slots);
        return new JsonObject
        {
            ["@odata.id"] = RedfishPaths.Controller,
            ["@odata.type"] = RedfishSchemas.Manager,
            ["Id"] = RedfishPaths.ControllerId,
            ["Name"] = "PiChassis controller",
            ["Description"] = $"The controller of chassis {chassisId}",
            ["ManagerType"] = "EnclosureManager",
            ["UUID"] = SystemResource.Uuid($"{chassisId}/controller"),
            ["FirmwareVersion"] = SoftwareVersion.Text,
            ["DateTime"] = DateTime(now),
            ["DateTimeLocalOffset"] = now.ToString("zzz", CultureInfo.InvariantCulture),
            ["PowerState"] = "On",

            // A store that is behind refuses commands (protection goes on): the controller works, degraded.
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = storeBehind ? "Warning" : "OK" },
            ["LogServices"] = Link(RedfishPaths.LogServices),
            ["Links"] = new JsonObject
            {
                ["ManagerForChassis"] = ChassisResource.Links([RedfishPaths.Enclosure, .. slots.Select(RedfishPaths.SlotChassis)]),
                ["ManagerForServers"] = ChassisResource.Links(slots.Select(RedfishPaths.System)),
                ["ManagerInChassis"] = Link(RedfishPaths.Enclosure),
            },
        };
    }

    public static JsonObject LogServices() =>
        CollectionResource.Build(RedfishPaths.LogServices, RedfishSchemas.LogServiceCollection, "Log Service Collection", [RedfishPaths.Journal]);

    public static JsonObject Journal(DateTimeOffset now) => new()
    {
        ["@odata.id"] = RedfishPaths.Journal,
        ["@odata.type"] = RedfishSchemas.LogService,
        ["Id"] = RedfishPaths.JournalId,
        ["Name"] = "Event journal",
        ["Description"] = "The controller's events (docs/mqtt-api.md), oldest first; Id is the event's seq",
        ["ServiceEnabled"] = true,
        ["LogEntryType"] = "Event",

        // The store drops the oldest events beyond its bounds (Storage:JournalMaxEvents, its maximum age), routine ones first.
        ["OverWritePolicy"] = "WrapsWhenFull",
        ["DateTime"] = DateTime(now),
        ["DateTimeLocalOffset"] = now.ToString("zzz", CultureInfo.InvariantCulture),
        ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        ["Entries"] = Link(RedfishPaths.JournalEntries),
    };

    private static string DateTime(DateTimeOffset now) => now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
