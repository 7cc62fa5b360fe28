using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PiChassis.Shared.Json;
using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Output;

/// <summary>One event as a line: plain for people, one JSON object (tagged with its chassis) for <c>--json --follow</c>.</summary>
public static class EventLine
{
    public static string Text(string chassis, EventPayload e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var slot = e.Slot is { } n ? $"slot {n.ToString(CultureInfo.InvariantCulture)}" : "chassis";
        var detail = e.Detail is { Count: > 0 } d ? " " + d.ToJsonString(PiChassisJson.Wire.Options) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{chassis} #{e.Seq} {e.Ts.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z {e.EventType} {slot} by {e.Source}{detail}");
    }

    public static string Json(string chassis, EventPayload e)
    {
        var node = JsonSerializer.SerializeToNode(e, PiChassisJson.Wire.EventPayload)!.AsObject();
        var tagged = new JsonObject { ["chassis"] = chassis };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            tagged[key] = value;
        }

        return tagged.ToJsonString();
    }
}
