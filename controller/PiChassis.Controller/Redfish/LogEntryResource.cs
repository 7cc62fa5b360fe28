using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// An event of the journal as a Redfish LogEntry: its <c>Id</c> is the event's <c>seq</c>, so a client
/// can match it with the MQTT events and the journal. The events have no message registry: the
/// <c>Message</c> is the event in words, and <c>MessageId</c> is left out.
/// </summary>
public static class LogEntryResource
{
    /// <summary>The events that say protection acted or something went wrong; the rest record what was asked and done.</summary>
    private static readonly HashSet<string> Critical = [EventTypes.FaultTrip];

    private static readonly HashSet<string> Warning =
        [EventTypes.LoadShed, EventTypes.WatchdogAction, EventTypes.CommandRejected, EventTypes.IdentityConflict, EventTypes.StoreHealth];

    public static JsonObject Build(ChassisEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = new JsonObject
        {
            ["@odata.id"] = RedfishPaths.JournalEntry(entry.Seq),
            ["@odata.type"] = RedfishSchemas.LogEntry,
            ["Id"] = entry.Seq.ToString(CultureInfo.InvariantCulture),
            ["Name"] = string.Create(CultureInfo.InvariantCulture, $"Journal entry {entry.Seq}"),
            ["EntryType"] = "Event",
            ["Created"] = entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["Severity"] = Severity(entry.Type),
            ["Message"] = Message(entry),
        };
        if (entry.Slot is { } slot)
        {
            body["Links"] = new JsonObject { ["OriginOfCondition"] = ServiceEndpoints.Link(RedfishPaths.System(slot)) };
        }

        return body;
    }

    public static string Severity(string type) => Critical.Contains(type) ? "Critical" : Warning.Contains(type) ? "Warning" : "OK";

    /// <summary><c>power off, slot 1, by admin: reason=halted</c>: the type, the slot, the source and the details as docs/mqtt-api.md names them.</summary>
    public static string Message(ChassisEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(entry.Type.Replace('_', ' '));
        if (entry.Slot is { } slot)
        {
            text.Append(CultureInfo.InvariantCulture, $", slot {slot}");
        }

        text.Append(", by ").Append(entry.Source);
        if (entry.Detail is { Count: > 0 } detail)
        {
            text.Append(": ").AppendJoin(", ", detail.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"));
        }

        return text.ToString();
    }
}
