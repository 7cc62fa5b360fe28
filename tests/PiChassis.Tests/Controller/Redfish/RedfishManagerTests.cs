using System.Net;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.TestSupport;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>The controller as a Manager, and the event journal as its log: entries by seq, in order, page by page.</summary>
public sealed class RedfishManagerTests
{
    private const string Entries = "/redfish/v1/Managers/controller/LogServices/Journal/Entries";

    [Fact]
    public async Task Controller_VersionTimeAndLinks_AsTheControllerHasThem()
    {
        await using var host = await StartAsync();

        using var response = await host.Client(ReadOnly, Password).GetAsync(new Uri("/redfish/v1/Managers/controller", UriKind.Relative));
        var manager = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("EnclosureManager", manager["ManagerType"]!.GetValue<string>());
        Assert.Equal(SoftwareVersion.Text, manager["FirmwareVersion"]!.GetValue<string>());
        Assert.InRange(DateTimeOffset.Parse(manager["DateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("OK", manager["Status"]!["Health"]!.GetValue<string>());
        Assert.Equal(5, manager["Links"]!["ManagerForChassis"]!.AsArray().Count);
        Assert.Equal("/redfish/v1/Systems/4", manager["Links"]!["ManagerForServers"]![3]!["@odata.id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Entries_PagedWithSkipAndTop_AreTheJournalBySeqOldestFirst()
    {
        await using var host = await StartAsync();
        Assert.True((await host.CommandAsync(1, SlotAction.ForceOff)).Ok);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(host.Controller.Journal.Read(0, 10_000).Any(e => e is { Type: EventTypes.PowerOff, Slot: 1 })), TimeSpan.FromSeconds(10)));
        await host.Controller.Journal.WhenStoredAsync();
        var journal = host.Controller.Journal.ReadPage(0, 10_000);
        var client = host.Client(ReadOnly, Password);

        // Walk the whole journal two entries at a time, following the next links.
        var seqs = new List<long>();
        string? next = $"{Entries}?$top=2";
        JsonObject? first = null;
        while (next is not null)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await JsonAsync(response);
            first ??= page;
            Assert.True(page["Members"]!.AsArray().Count <= 2);
            seqs.AddRange(page["Members"]!.AsArray().Select(m => long.Parse(m!["Id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
            next = page["Members@odata.nextLink"]?.GetValue<string>();
            if (seqs.Count >= journal.Count)
            {
                break;
            }
        }

        Assert.True(journal.Count > 2, $"{journal.Count} events");
        Assert.Equal(journal.Count, first!["Members@odata.count"]!.GetValue<int>());
        Assert.Equal(journal.Select(e => e.Seq), seqs.Take(journal.Count));
    }

    [Fact]
    public async Task Entry_BySeq_CarriesTheEventSeverityAndItsSystem()
    {
        await using var host = await StartAsync();
        Assert.True((await host.CommandAsync(2, SlotAction.ForceOff)).Ok);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(host.Controller.Journal.Read(0, 10_000).Any(e => e is { Type: EventTypes.PowerOff, Slot: 2 })), TimeSpan.FromSeconds(10)));
        var off = host.Controller.Journal.Read(0, 10_000).First(e => e is { Type: EventTypes.PowerOff, Slot: 2 });

        using var response = await host.Client().GetAsync(new Uri($"{Entries}/{off.Seq}", UriKind.Relative));
        var entry = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{off.Seq}", entry["Id"]!.GetValue<string>());
        Assert.Equal("Event", entry["EntryType"]!.GetValue<string>());
        Assert.Equal("OK", entry["Severity"]!.GetValue<string>());
        Assert.StartsWith("power off, slot 2, by test", entry["Message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/redfish/v1/Systems/2", entry["Links"]!["OriginOfCondition"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal(off.At, DateTimeOffset.Parse(entry["Created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("$top=-1")]
    [InlineData("$skip=x")]
    public async Task Entries_BadPagingQuery_BadRequest(string query)
    {
        await using var host = await StartAsync();

        using var response = await host.Client().GetAsync(new Uri($"{Entries}?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith(".QueryParameterValueTypeError", await MessageIdAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_NoQuery_OneBoundedPage()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 500 && host.Controller.Journal.Count() <= 100; i++)
        {
            await host.CommandAsync(3, i % 2 == 0 ? SlotAction.ForceOff : SlotAction.On);
            await host.Controller.Journal.WhenStoredAsync();
        }

        Assert.True(host.Controller.Journal.Count() > 100, $"{host.Controller.Journal.Count()} events");

        using var response = await host.Client().GetAsync(new Uri(Entries, UriKind.Relative));
        var page = await JsonAsync(response);

        Assert.Equal(100, page["Members"]!.AsArray().Count);
        Assert.Equal($"{Entries}?$skip=100", page["Members@odata.nextLink"]!.GetValue<string>());
    }
}
