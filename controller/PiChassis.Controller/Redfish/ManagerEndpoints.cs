using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// <c>/redfish/v1/Managers</c>: the controller, and its event journal as a log service. The journal is
/// read from the store's committed events (not through the engine loop: reading it takes no engine
/// state), a bounded page at a time.
/// </summary>
public sealed class ManagerEndpoints(PowerEngineLoop loop, IEventJournal journal, TimeProvider time, IOptions<ChassisOptions> chassis)
{
    /// <summary>Entries per page at most, so that a request costs a bounded read whatever the journal holds.</summary>
    public const int PageSize = 100;

    private const string Top = "$top";
    private const string Skip = "$skip";
    private readonly string _chassisId = chassis.Value.Id;

    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(RedfishPaths.Managers, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context,
            CollectionResource.Build(RedfishPaths.Managers, RedfishSchemas.ManagerCollection, "Manager Collection", [RedfishPaths.Controller])));
        app.MapMethods(RedfishPaths.Controller, RedfishServer.ReadMethods, ControllerAsync);
        app.MapMethods(RedfishPaths.LogServices, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, ManagerResource.LogServices()));
        app.MapMethods(RedfishPaths.Journal, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, ManagerResource.Journal(time.GetLocalNow())));
        app.MapMethods(RedfishPaths.JournalEntries, RedfishServer.ReadMethods, EntriesAsync);
        app.MapMethods($"{RedfishPaths.JournalEntries}/{{seq}}", RedfishServer.ReadMethods, EntryAsync);
    }

    private async Task ControllerAsync(HttpContext context)
    {
        if (await RedfishServer.OnLoopAsync(context, loop, e => e.States.Select(s => s.Slot).ToArray()) is { } slots)
        {
            await RedfishResponse.WriteAsync(context, ManagerResource.Controller(_chassisId, slots, time.GetLocalNow(), loop.StoreBehind));
        }
    }

    /// <summary>
    /// A page of entries, oldest first: <c>$skip</c> entries skipped, at most <c>$top</c> (and <see cref="PageSize"/>)
    /// returned; <c>Members@odata.nextLink</c> leads to the next page while entries remain.
    /// </summary>
    private async Task EntriesAsync(HttpContext context)
    {
        if (await QueryAsync(context, Skip, 0) is not { } skip || await QueryAsync(context, Top, PageSize) is not { } top)
        {
            return;
        }

        var total = journal.Count();
        var page = journal.ReadPage(skip, Math.Min(top, PageSize));
        // The members are the entries themselves, not links to them, as log services serve them: a page is one request, not a hundred.
        var body = CollectionResource.Build(RedfishPaths.JournalEntries, RedfishSchemas.LogEntryCollection, "Journal entries", []);
        body["Members@odata.count"] = total;
        body["Members"] = new JsonArray([.. page.Select(e => (JsonNode?)LogEntryResource.Build(e))]);
        var next = (long)skip + page.Count;
        if (page.Count > 0 && next < total)
        {
            body["Members@odata.nextLink"] = context.Request.Query.ContainsKey(Top)
                ? string.Create(CultureInfo.InvariantCulture, $"{RedfishPaths.JournalEntries}?{Skip}={next}&{Top}={top}")
                : string.Create(CultureInfo.InvariantCulture, $"{RedfishPaths.JournalEntries}?{Skip}={next}");
        }

        await RedfishResponse.WriteAsync(context, body);
    }

    private async Task EntryAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["seq"] as string;
        var entry = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? journal.Read(seq - 1, 1).FirstOrDefault(e => e.Seq == seq)
            : null;
        if (entry is null)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("LogEntry", id ?? ""));
            return;
        }

        await RedfishResponse.WriteAsync(context, LogEntryResource.Build(entry));
    }

    /// <summary>A non-negative integer query parameter, <paramref name="absent"/> when not given; null when refused (and answered 400).</summary>
    private static async Task<int?> QueryAsync(HttpContext context, string name, int absent)
    {
        if (!context.Request.Query.TryGetValue(name, out var values))
        {
            return absent;
        }

        var text = values.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.QueryParameterValueTypeError(text, name));
            return null;
        }

        return value;
    }
}
