using System.Net;
using System.Text.Json.Nodes;

namespace PiChassis.Tests.Controller.Redfish.Schema;

/// <summary>
/// Every resource the service serves, found by following <c>@odata.id</c> links from the service
/// root, holds to the DMTF schema version its <c>@odata.type</c> claims (<see cref="RedfishSchemaFacts"/>):
/// no resource can drift from the type it names, and a new type cannot be served unchecked.
/// </summary>
public sealed class SchemaConformanceTests
{
    private const int MaxResources = 400;

    [Fact]
    public async Task EveryServedResource_HoldsToTheSchemaItsTypeClaims()
    {
        await using var host = await RedfishHost.StartAsync();
        var client = host.Client();
        // A session, so that the session collection has a member to check.
        using var login = await client.PostAsync("redfish/v1/SessionService/Sessions",
            RedfishHost.Body($$"""{"UserName":"{{RedfishHost.Admin}}","Password":"{{RedfishHost.AdminPassword}}"}"""));
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);

        var problems = new List<string>();
        var seen = await CrawlAsync(client, "/redfish/v1", problems);

        Assert.True(seen.Count >= 12, $"only {seen.Count} resources found: {string.Join(", ", seen)}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Check_ResourceThatDriftsFromItsSchema_EachDriftNamed()
    {
        var system = JsonNode.Parse("""
            {"@odata.id":"/redfish/v1/Systems/1","@odata.type":"#ComputerSystem.v1_20_0.ComputerSystem","Name":"Slot 1",
             "PowerState":"Standby","Status":{"State":"Enabled","Health":"Fine"},"HostName":7,"Voltage":5,
             "Boot":{"BootSourceOverrideEnabled":"Disabled","BootSourceOverrideTarget@Redfish.AllowableValues":["Pxe"]},
             "Actions":{"#ComputerSystem.Reset":{"target":"/x","ResetType@Redfish.AllowableValues":["On"]}}}
            """)!.AsObject();

        var problems = SchemaCheck.Problems(system, RedfishSchemaFacts.ByType["#ComputerSystem.v1_20_0.ComputerSystem"]).ToList();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("PowerState:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Status/Health:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("HostName:", StringComparison.Ordinal));
        Assert.Contains("Voltage: not defined by the schema", problems);
        Assert.Contains("Id: required, missing", problems);
    }

    /// <summary>Reads every resource reachable from <paramref name="root"/>, checking each; the URIs read.</summary>
    private static async Task<List<string>> CrawlAsync(HttpClient client, string root, List<string> problems)
    {
        var seen = new List<string>();
        var queue = new Queue<string>([root]);
        var queued = new HashSet<string>(StringComparer.Ordinal) { root };
        while (queue.TryDequeue(out var uri) && seen.Count < MaxResources)
        {
            seen.Add(uri);
            using var response = await client.GetAsync(uri.TrimStart('/'));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{uri}: {(int)response.StatusCode} for a linked resource");
                continue;
            }

            var resource = await RedfishHost.JsonAsync(response);
            var type = (string?)resource["@odata.type"];
            if (type is null || !RedfishSchemaFacts.ByType.TryGetValue(type, out var rules))
            {
                problems.Add($"{uri}: type {type ?? "(none)"} has no schema facts here: add them from its DMTF schema");
            }
            else
            {
                problems.AddRange(SchemaCheck.Problems(resource, rules).Select(p => $"{uri} ({type}) {p}"));
            }

            foreach (var link in Links(resource).Where(l => queued.Add(l)))
            {
                queue.Enqueue(link);
            }
        }

        return seen;
    }

    /// <summary>Every <c>@odata.id</c> below the resource's own (links to other resources), without fragments.</summary>
    private static IEnumerable<string> Links(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "@odata.id" && p.Value is JsonValue v && v.ToString() is var id && !id.Contains('#', StringComparison.Ordinal)
            ? [id]
            : p.Value is null ? [] : Links(p.Value)),
        JsonArray a => a.SelectMany(i => i is null ? [] : Links(i)),
        _ => [],
    };
}
