using System.Text.Json;
using System.Text.Json.Nodes;
using PiChassis.Cli.Mqtt;
using PiChassis.Shared.Json;

namespace PiChassis.Cli.Output;

/// <summary>
/// The <c>--json</c> output: the replies of every chassis merged into one object, each result and
/// event tagged with its <c>chassis</c>, plus the exit code and the errors the table view prints.
/// </summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Merge(IReadOnlyList<ChassisReply> replies, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var results = new JsonArray();
        var events = new JsonArray();
        var energy = new JsonObject();
        var lastSeq = new JsonObject();
        var capacity = new JsonObject();
        var profile = new JsonObject();
        foreach (var reply in replies.Where(r => r.Response is not null))
        {
            var response = JsonSerializer.SerializeToNode(reply.Response!, PiChassisJson.Wire.ResponsePayload)!.AsObject();
            Tag(response["results"], reply.Chassis.Id, results);
            Tag(response["events"], reply.Chassis.Id, events);
            if (reply.Response!.ChassisEnergyWh is { } wh)
            {
                energy[reply.Chassis.Id] = wh;
            }

            if (reply.Response.LastSeq is { } seq)
            {
                lastSeq[reply.Chassis.Id] = seq;
            }

            if (response["capacity"] is { } target)
            {
                capacity[reply.Chassis.Id] = target.DeepClone();
            }

            if (response["profile"] is { } learned)
            {
                profile[reply.Chassis.Id] = learned.DeepClone();
            }
        }

        var report = new JsonObject
        {
            ["exit_code"] = exitCode,
            ["results"] = results,
            ["errors"] = new JsonArray([.. Outcome.Problems(replies).Select(p => (JsonNode)p.Line)]),
        };
        AddIfAny(report, "events", events);
        AddIfAny(report, "chassis_energy_wh", energy);
        AddIfAny(report, "last_seq", lastSeq);
        AddIfAny(report, "capacity", capacity);
        AddIfAny(report, "profile", profile);
        return report;
    }

    public static void Write(TextWriter output, JsonNode report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.WriteLine(report.ToJsonString(Indented));
    }

    private static void Tag(JsonNode? items, string chassis, JsonArray into)
    {
        foreach (var item in items?.AsArray().ToList() ?? [])
        {
            var copy = new JsonObject { ["chassis"] = chassis };
            foreach (var (key, value) in item!.AsObject())
            {
                copy[key] = value?.DeepClone();
            }

            into.Add(copy);
        }
    }

    private static void AddIfAny(JsonObject report, string key, JsonNode node)
    {
        if (node is JsonArray { Count: > 0 } or JsonObject { Count: > 0 })
        {
            report[key] = node;
        }
    }
}
