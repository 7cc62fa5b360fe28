using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PiChassis.Tests.Controller.Redfish.Schema;

/// <summary>
/// Checks a resource against the rules of the schema version its <c>@odata.type</c> names: every
/// property it carries must be one the schema defines (DMTF schemas allow no others, only
/// annotations), of the schema's kind and enum values, and every required one must be there.
/// </summary>
internal static partial class SchemaCheck
{
    public static IEnumerable<string> Problems(JsonObject resource, IReadOnlyList<SchemaRule> rules)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var byPath = rules.ToDictionary(r => r.Path, StringComparer.Ordinal);
        var problems = new List<string>();
        Walk(resource, "", byPath, problems);
        return problems;
    }

    private static void Walk(JsonObject node, string at, Dictionary<string, SchemaRule> rules, List<string> problems)
    {
        foreach (var (name, value) in node)
        {
            var path = at.Length == 0 ? name : $"{at}/{name}";
            if (!rules.TryGetValue(path, out var rule))
            {
                if (!Annotation().IsMatch(name))
                {
                    problems.Add($"{path}: not defined by the schema");
                }

                continue;
            }

            if (value is null)
            {
                if (!rule.Nullable)
                {
                    problems.Add($"{path}: null, the schema does not allow it");
                }

                continue;
            }

            Check(value, path, rule, rules, problems);
        }

        // Required properties of this object (the resource, or one of its objects that is there).
        foreach (var rule in rules.Values.Where(r => r.Required && Parent(r.Path) == at && !node.ContainsKey(r.Path[(r.Path.LastIndexOf('/') + 1)..])))
        {
            problems.Add($"{rule.Path}: required, missing");
        }
    }

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static void Check(JsonNode value, string path, SchemaRule rule, Dictionary<string, SchemaRule> rules, List<string> problems)
    {
        var kind = value.GetValueKind();
        var fits = rule.Kind switch
        {
            SchemaKind.String => kind == JsonValueKind.String && (rule.Values is null || rule.Values.Contains(value.GetValue<string>())),
            SchemaKind.StringArray => value is JsonArray strings && strings.All(s => s?.GetValueKind() == JsonValueKind.String
                && (rule.Values is null || rule.Values.Contains(s.GetValue<string>()))),
            SchemaKind.Integer => kind == JsonValueKind.Number && value.GetValue<decimal>() == decimal.Truncate(value.GetValue<decimal>()),
            SchemaKind.Number => kind == JsonValueKind.Number,
            SchemaKind.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            SchemaKind.Object => value is JsonObject,
            SchemaKind.Array => value is JsonArray items && items.All(i => i is JsonObject),
            SchemaKind.Link => IsLink(value),
            SchemaKind.LinkArray => value is JsonArray links && links.All(l => l is not null && IsLink(l)),
            _ => false,
        };
        if (!fits)
        {
            problems.Add($"{path}: {value.ToJsonString()} is not {rule.Kind}{(rule.Values is null ? "" : $" of [{string.Join(", ", rule.Values)}]")}");
            return;
        }

        if (value is JsonObject inner && rule.Kind == SchemaKind.Object)
        {
            Walk(inner, path, rules, problems);
        }
        else if (value is JsonArray array && rule.Kind == SchemaKind.Array)
        {
            foreach (var item in array)
            {
                Walk(item!.AsObject(), $"{path}[]", rules, problems);
            }
        }
    }

    private static bool IsLink(JsonNode value) =>
        value is JsonObject link && link.Count == 1 && link["@odata.id"]?.GetValueKind() == JsonValueKind.String;

    /// <summary>Annotations every DMTF schema allows on any object: <c>X@Redfish.AllowableValues</c>, <c>@Redfish.ActionInfo</c>, …</summary>
    [GeneratedRegex(@"^([a-zA-Z_][a-zA-Z0-9_]*)?@(odata|Redfish|Message)\.[a-zA-Z_][a-zA-Z0-9_.]*$")]
    private static partial Regex Annotation();
}
