using System.Text.Json.Nodes;

namespace PiChassis.Controller.Redfish;

/// <summary>A Redfish resource collection: its members by <c>@odata.id</c> and their count.</summary>
public static class CollectionResource
{
    public static JsonObject Build(string id, string type, string name, IEnumerable<string> members)
    {
        var links = new JsonArray([.. members.Select(m => (JsonNode?)new JsonObject { ["@odata.id"] = m })]);
        return new JsonObject
        {
            ["@odata.id"] = id,
            ["@odata.type"] = type,
            ["Name"] = name,
            ["Members@odata.count"] = links.Count,
            ["Members"] = links,
        };
    }
}
