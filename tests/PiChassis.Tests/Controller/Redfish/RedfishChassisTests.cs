using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Redfish;
using PiChassis.Controller.Sampling;
using PiChassis.Tests.TestSupport;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>Chassis over HTTP: the readings are the simulator's (the latest snapshot), the links lead where they say, and nothing else is found.</summary>
public sealed class RedfishChassisTests
{
    // The simulator's draw moves a little from sweep to sweep; a response and the snapshot read next to it may be a sweep apart.
    private const double SweepToleranceW = 0.5;

    [Fact]
    public async Task Power_SlotOnAndSlotOff_ConsumedWattsAreTheSnapshotsAndTheEnclosureTheirSum()
    {
        await using var host = await StartAsync();
        await WaitForDrawAsync(host, 1);
        Assert.True((await host.CommandAsync(2, SlotAction.ForceOff)).Ok);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(Latest(host)?.Slot(2).RelayClosed == false), TimeSpan.FromSeconds(10)));
        var client = host.Client(ReadOnly, Password);

        var on = await ConsumedWattsAsync(client, "/redfish/v1/Chassis/1/Power");
        var snapshotOn = Latest(host)!.Slot(1).PowerW;
        var off = await ConsumedWattsAsync(client, "/redfish/v1/Chassis/2/Power");
        var slots = 0.0;
        foreach (var slot in (await GetAsync(client, "/redfish/v1/Chassis/enclosure"))["Links"]!["Contains"]!.AsArray())
        {
            slots += await ConsumedWattsAsync(client, $"{slot!["@odata.id"]}/Power");
        }

        var total = await ConsumedWattsAsync(client, "/redfish/v1/Chassis/enclosure/Power");

        Assert.True(on > 0, $"slot 1 on draws {on} W");
        Assert.InRange(on, snapshotOn - SweepToleranceW, snapshotOn + SweepToleranceW);
        Assert.Equal(0, off, 3);
        Assert.InRange(total, slots - (4 * SweepToleranceW), slots + (4 * SweepToleranceW));
    }

    [Fact]
    public async Task Power_KeplerRead_SlotChassisPowerAndEnvironmentMetricsAgree()
    {
        await using var host = await StartAsync();
        await WaitForDrawAsync(host, 3);
        var client = host.Client();

        // Kepler: the system's chassis, then its Power (deprecated) or EnvironmentMetrics.
        var system = await GetAsync(client, "/redfish/v1/Systems/3");
        var chassis = system["Links"]!["Chassis"]![0]!["@odata.id"]!.GetValue<string>();
        var consumed = await ConsumedWattsAsync(client, $"{chassis}/Power");
        var metrics = await GetAsync(client, $"{chassis}/EnvironmentMetrics");

        Assert.Equal("/redfish/v1/Chassis/3", chassis);
        Assert.True(consumed > 0, $"slot 3 draws {consumed} W");
        Assert.InRange(metrics["PowerWatts"]!["Reading"]!.GetValue<double>(), consumed - SweepToleranceW, consumed + SweepToleranceW);
        Assert.True(metrics["EnergykWh"]!["Reading"]!.GetValue<double>() >= 0);
    }

    [Fact]
    public async Task Enclosure_SupplyBudgetProbesAndFan_AsConfiguredAndSampled()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Power:PsuBudgetW"] = "48" });
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(Latest(host) is not null), TimeSpan.FromSeconds(10)));
        var client = host.Client();

        var enclosure = await GetAsync(client, "/redfish/v1/Chassis/enclosure");
        var power = await GetAsync(client, "/redfish/v1/Chassis/enclosure/Power");
        var subsystem = await GetAsync(client, "/redfish/v1/Chassis/enclosure/PowerSubsystem");
        var supply = await GetAsync(client, "/redfish/v1/Chassis/enclosure/PowerSubsystem/PowerSupplies/PSU");
        var thermal = await GetAsync(client, "/redfish/v1/Chassis/enclosure/Thermal");
        var sensors = await GetAsync(client, "/redfish/v1/Chassis/enclosure/Sensors");
        var temperature = await GetAsync(client, "/redfish/v1/Chassis/enclosure/Sensors/Temperature1");

        Assert.Equal("Enclosure", enclosure["ChassisType"]!.GetValue<string>());
        Assert.Equal(4, enclosure["Links"]!["Contains"]!.AsArray().Count);
        Assert.Equal(48, power["PowerControl"]![0]!["PowerCapacityWatts"]!.GetValue<double>());
        Assert.Equal(48, power["PowerControl"]![0]!["PowerLimit"]!["LimitInWatts"]!.GetValue<double>());
        Assert.True(power["Voltages"]![0]!["ReadingVolts"]!.GetValue<double>() > 4);
        Assert.Equal(48, subsystem["Allocation"]!["AllocatedWatts"]!.GetValue<double>());
        Assert.Equal(48, supply["PowerCapacityWatts"]!.GetValue<double>());
        var probes = Latest(host)!.Probes;
        Assert.Equal(probes.Length, thermal["Temperatures"]!.AsArray().Count);
        Assert.Equal(probes[0].Name, temperature["Name"]!.GetValue<string>());
        Assert.Equal("Cel", temperature["ReadingUnits"]!.GetValue<string>());
        Assert.Equal("Temperature", temperature["ReadingType"]!.GetValue<string>());
        Assert.Contains(sensors["Members"]!.AsArray(), m => m!["@odata.id"]!.GetValue<string>() == "/redfish/v1/Chassis/enclosure/Sensors/Power");
    }

    [Fact]
    public async Task SlotChassis_LinksAndSensors_PointBothWaysAndReadTheSlot()
    {
        await using var host = await StartAsync();
        await WaitForPhaseAsync(host, 1, SlotPhase.On);
        await WaitForDrawAsync(host, 1);
        var client = host.Client();

        var chassis = await GetAsync(client, "/redfish/v1/Chassis/1");
        var current = await GetAsync(client, "/redfish/v1/Chassis/1/Sensors/Current");

        Assert.Equal("1", chassis["Id"]!.GetValue<string>());
        Assert.Equal("Blade", chassis["ChassisType"]!.GetValue<string>());
        Assert.Equal("On", chassis["PowerState"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Systems/1", chassis["Links"]!["ComputerSystems"]![0]!["@odata.id"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Chassis/enclosure", chassis["Links"]!["ContainedBy"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal("A", current["ReadingUnits"]!.GetValue<string>());
        Assert.True(current["Reading"]!.GetValue<double>() > 0);
    }

    [Theory]
    [InlineData("/redfish/v1/Chassis/9")]
    [InlineData("/redfish/v1/Chassis/01")]
    [InlineData("/redfish/v1/Chassis/1/Thermal")]
    [InlineData("/redfish/v1/Chassis/1/PowerSubsystem")]
    [InlineData("/redfish/v1/Chassis/9/Power")]
    [InlineData("/redfish/v1/Chassis/enclosure/Sensors/Current")]
    [InlineData("/redfish/v1/Chassis/enclosure/PowerSubsystem/PowerSupplies/PSU2")]
    [InlineData("/redfish/v1/Managers/bmc")]
    [InlineData("/redfish/v1/Managers/controller/LogServices/Journal/Entries/999999")]
    [InlineData("/redfish/v1/Managers/controller/LogServices/Journal/Entries/first")]
    public async Task Get_UnknownId_NotFound(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.EndsWith(".ResourceNotFound", await MessageIdAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/redfish/v1/Chassis/enclosure/Power")]
    [InlineData("/redfish/v1/Chassis/1")]
    [InlineData("/redfish/v1/Managers/controller/LogServices/Journal/Entries")]
    public async Task Patch_ReadOnlyResource_MethodNotAllowedWithAllow(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Client().PatchAsync(new Uri(path, UriKind.Relative), Body("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    /// <summary>Every <c>@odata.id</c> reachable from the service root answers 200, with an ETag and a schema link where it has a type, and each type is in <c>$metadata</c>.</summary>
    [Fact]
    public async Task Crawl_FromTheRoot_EveryLinkAnswers()
    {
        await using var host = await StartAsync();
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(Latest(host) is not null), TimeSpan.FromSeconds(10)));
        var client = host.Client(ReadOnly, Password);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/redfish/v1" };
        var queue = new Queue<string>(seen);
        var types = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var path))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var body = await JsonAsync(response);
            if (body["@odata.type"]?.GetValue<string>() is { } type)
            {
                types.Add(type);
                Assert.NotNull(response.Headers.ETag);
                Assert.Contains("rel=describedby", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
            }

            foreach (var link in Links(body).Where(seen.Add))
            {
                queue.Enqueue(link);
            }
        }

        var metadata = await client.GetStringAsync(new Uri("/redfish/v1/$metadata", UriKind.Relative));
        Assert.All(types, type => Assert.Contains($"Namespace=\"{RedfishSchemas.VersionedNamespace(type)}\"", metadata, StringComparison.Ordinal));
        Assert.Contains("/redfish/v1/Chassis/enclosure/Thermal", seen);
        Assert.Contains("/redfish/v1/Chassis/4/Sensors/Energy", seen);
        Assert.Contains("/redfish/v1/Managers/controller/LogServices/Journal/Entries", seen);
    }

    private static IEnumerable<string> Links(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "@odata.id" && p.Value is JsonValue v
            ? new[] { v.GetValue<string>().Split('#')[0] }
            : Links(p.Value)),
        JsonArray a => a.SelectMany(Links),
        _ => [],
    };

    private static ChassisSnapshot? Latest(RedfishHost host) => host.Controller.Services.GetRequiredService<SnapshotHub>().Latest;

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await JsonAsync(response);
    }

    private static async Task<double> ConsumedWattsAsync(HttpClient client, string path) =>
        (await GetAsync(client, path))["PowerControl"]![0]!["PowerConsumedWatts"]!.GetValue<double>();

    /// <summary>Until the simulator's node in <paramref name="slot"/> draws power (a slot is On before its node has drawn in a sweep).</summary>
    private static async Task WaitForDrawAsync(RedfishHost host, int slot) =>
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(Latest(host)?.Slot(slot) is { RelayClosed: true, PowerW: > 0 }), TimeSpan.FromSeconds(60)), $"slot {slot} never drew");

    private static async Task WaitForPhaseAsync(RedfishHost host, int slot, SlotPhase phase) =>
        Assert.True(await Poll.UntilAsync(async () => (await host.StateAsync(slot)).Phase == phase, TimeSpan.FromSeconds(60)), $"slot {slot} never {phase}");
}
