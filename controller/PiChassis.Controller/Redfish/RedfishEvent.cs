using System.Globalization;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// A journal event as a Redfish <c>Event</c>: <c>EventId</c> is its <c>seq</c> (what <c>Last-Event-ID</c>
/// resumes from), <c>MessageId</c> its contract type under <see cref="RedfishSchemas.EventRegistry"/>,
/// and <c>OriginOfCondition</c> the slot's system when it concerns one. The journal's own fields stay
/// whole under <c>Oem.PiChassis</c>, so nothing MQTT carries is lost.
/// </summary>
public static class RedfishEvent
{
    public static JsonObject From(ChassisEvent chassisEvent)
    {
        ArgumentNullException.ThrowIfNull(chassisEvent);
        var id = chassisEvent.Seq.ToString(CultureInfo.InvariantCulture);
        var severity = SeverityOf(chassisEvent.Type);
        var record = new JsonObject
        {
            ["MemberId"] = "0",
            ["EventId"] = id,
            ["EventTimestamp"] = chassisEvent.At.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["MessageId"] = $"{RedfishSchemas.EventRegistry}.{chassisEvent.Type}",
            ["Message"] = MessageOf(chassisEvent),
            ["MessageArgs"] = new JsonArray(),
            ["MessageSeverity"] = severity,
            ["Severity"] = severity,
            ["Oem"] = new JsonObject
            {
                ["PiChassis"] = new JsonObject
                {
                    ["Type"] = chassisEvent.Type,
                    ["Slot"] = chassisEvent.Slot,
                    ["Source"] = chassisEvent.Source,
                    ["Detail"] = chassisEvent.Detail?.DeepClone(),
                },
            },
        };
        if (chassisEvent.Slot is { } slot and >= 1)
        {
            record["OriginOfCondition"] = ServiceEndpoints.Link(RedfishPaths.System(slot));
        }

        return new JsonObject
        {
            ["@odata.type"] = RedfishSchemas.Event,
            ["Id"] = id,
            ["Name"] = "PiChassis event",
            ["Events"] = new JsonArray(record),
        };
    }

    /// <summary>Critical for what protection tripped, Warning for what an operator should look at, OK for the rest.</summary>
    private static string SeverityOf(string type) => type switch
    {
        EventTypes.FaultTrip => "Critical",
        EventTypes.LoadShed or EventTypes.WatchdogAction or EventTypes.CommandRejected or EventTypes.StoreHealth or EventTypes.IdentityConflict => "Warning",
        _ => "OK",
    };

    private static string MessageOf(ChassisEvent chassisEvent) => chassisEvent.Slot is { } slot and >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{chassisEvent.Type} on slot {slot} from {chassisEvent.Source}.")
        : $"{chassisEvent.Type} from {chassisEvent.Source}.";
}
