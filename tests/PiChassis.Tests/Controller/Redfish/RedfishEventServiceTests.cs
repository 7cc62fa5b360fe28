using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>The EventService over a real HTTP client: the journal live as Server-Sent Events, resumed by <c>Last-Event-ID</c>.</summary>
public sealed class RedfishEventServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sse_PowerOnThenResume_EventsInOrderWithoutGapsOrDuplicates()
    {
        await using var host = await RedfishHost.StartAsync();
        var client = host.Client(RedfishHost.ReadOnly, RedfishHost.Password);
        Assert.True((await host.CommandAsync(2, SlotAction.ForceOff)).Ok);
        Assert.True(await host.WaitForRelayAsync(2, ["low"]));
        await host.Controller.Journal.WhenStoredAsync();
        using var timeout = new CancellationTokenSource(Patience);

        // Live: the slot's power-on, every event in seq order with none missing.
        var first = new List<(long Id, JsonObject Event)>();
        using (var stream = await OpenAsync(client, null, timeout.Token))
        {
            Assert.True((await host.CommandAsync(2, SlotAction.On)).Ok);
            while (!first.Any(e => Is(e.Event, EventTypes.PowerOn, 2)))
            {
                first.Add(await stream.NextAsync(timeout.Token) ?? throw new InvalidDataException("the stream ended"));
            }
        }

        AssertConsecutive(first.Select(e => e.Id), first[0].Id);
        var powerOn = first.Single(e => Is(e.Event, EventTypes.PowerOn, 2)).Event;
        Assert.Equal(RedfishSchemas.Event, powerOn["@odata.type"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Systems/2", powerOn["Events"]![0]!["OriginOfCondition"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal(first[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), powerOn["Events"]![0]!["EventId"]!.GetValue<string>());

        // Disconnected: more happens.
        var lastSeen = first[^1].Id;
        Assert.True((await host.CommandAsync(2, SlotAction.ForceOff)).Ok);
        Assert.True(await host.WaitForRelayAsync(2, ["low", "high", "low"]));
        await host.Controller.Journal.WhenStoredAsync();
        var missed = host.Controller.Journal.Read(lastSeen, 1000);
        Assert.Contains(missed, e => e.Type == EventTypes.PowerOff && e.Slot == 2);

        // Resumed: exactly the missed ones, then live ones, consecutive.
        var resumed = new List<(long Id, JsonObject Event)>();
        using (var stream = await OpenAsync(client, lastSeen, timeout.Token))
        {
            for (var i = 0; i < missed.Count; i++)
            {
                resumed.Add(await stream.NextAsync(timeout.Token) ?? throw new InvalidDataException("the stream ended"));
            }

            Assert.True((await host.CommandAsync(3, SlotAction.ForceOff)).Ok);
            while (!resumed.Any(e => Is(e.Event, EventTypes.PowerOff, 3)))
            {
                resumed.Add(await stream.NextAsync(timeout.Token) ?? throw new InvalidDataException("the stream ended"));
            }
        }

        Assert.Equal(missed.Select(e => e.Seq), resumed.Take(missed.Count).Select(e => e.Id));
        Assert.Equal(missed.Select(e => $"{RedfishSchemas.EventRegistry}.{e.Type}"),
            resumed.Take(missed.Count).Select(e => e.Event["Events"]![0]!["MessageId"]!.GetValue<string>()));
        AssertConsecutive(resumed.Select(e => e.Id), lastSeen + 1);
    }

    [Fact]
    public async Task Sse_LastEventIdBeyondTheJournal_StreamsTheNextEventsAnyway()
    {
        // A dashboard's EventSource reconnecting after the controller's store was started afresh sends an id the journal never reached.
        await using var host = await RedfishHost.StartAsync();
        var client = host.Client(RedfishHost.ReadOnly, RedfishHost.Password);
        await host.Controller.Journal.WhenStoredAsync();
        var beyond = host.Controller.Journal.LastSeq + 1_000_000;
        using var timeout = new CancellationTokenSource(Patience);
        using var stream = await OpenAsync(client, beyond, timeout.Token);

        Assert.True((await host.CommandAsync(2, SlotAction.ForceOff)).Ok);

        var next = await stream.NextAsync(timeout.Token);
        Assert.NotNull(next);
        Assert.True(next.Value.Id <= host.Controller.Journal.LastSeq);
    }

    [Fact]
    public async Task Sse_QuietChassis_HeadersComeBeforeAnyEventOrKeepAlive()
    {
        // A clock that never moves: no keep-alive is ever due, and nothing happens on the chassis.
        var frozen = new FakeTimeProvider();
        await using var host = await RedfishHost.StartAsync(configure: builder =>
            builder.Services.AddSingleton(sp => new ServerSentEvents(sp.GetRequiredService<EventFeed>(), sp.GetRequiredService<RedfishSessions>(), frozen)));
        using var timeout = new CancellationTokenSource(Patience);

        using var response = await SendAsync(host.Client(RedfishHost.ReadOnly, RedfishHost.Password), null, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sse_Anonymous_Refused401()
    {
        await using var host = await RedfishHost.StartAsync();

        using var response = await host.Client(null).GetAsync(new Uri(RedfishPaths.ServerSentEvents, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sse_MoreThanTheCap_Refused503()
    {
        // Four accounts, each opening its share of streams: together they reach the cap.
        await using var host = await RedfishHost.StartAsync(new Dictionary<string, string?>
        {
            ["Redfish:Accounts:2:UserName"] = "auditor",
            ["Redfish:Accounts:2:Role"] = "ReadOnly",
            ["Redfish:Accounts:2:PasswordHash"] = RedfishHost.Hash,
        });
        HttpClient[] clients = [host.Client(), host.Client(RedfishHost.Operator, RedfishHost.Password),
            host.Client(RedfishHost.ReadOnly, RedfishHost.Password), host.Client("auditor", RedfishHost.Password)];
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < EventFeed.MaxClients; i++)
            {
                open.Add(await SendAsync(clients[i / EventFeed.MaxPerAccount], null, CancellationToken.None));
                Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            }

            using var refused = await SendAsync(clients[0], null, CancellationToken.None);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("Base.1.18.0.ServiceTemporarilyUnavailable", await RedfishHost.MessageIdAsync(refused));
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task Sse_MoreThanAnAccountsShare_Refused503WhileAnotherAccountMayOpen()
    {
        await using var host = await RedfishHost.StartAsync();
        var viewer = host.Client(RedfishHost.ReadOnly, RedfishHost.Password);
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < EventFeed.MaxPerAccount; i++)
            {
                open.Add(await SendAsync(viewer, null, CancellationToken.None));
                Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            }

            using var refused = await SendAsync(viewer, null, CancellationToken.None);
            open.Add(await SendAsync(host.Client(), null, CancellationToken.None));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("Base.1.18.0.ServiceTemporarilyUnavailable", await RedfishHost.MessageIdAsync(refused));
            Assert.Contains($"at most {EventFeed.MaxPerAccount} event streams per account", (await RedfishHost.JsonAsync(refused))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task Sse_OpenedWithASessionThatIsThenDeleted_StreamEndsWithoutTheNextEvent()
    {
        await using var host = await RedfishHost.StartAsync();
        var client = host.Client(null);
        using var login = await client.PostAsync(new Uri(RedfishPaths.Sessions, UriKind.Relative),
            RedfishHost.Body($$"""{"UserName":"{{RedfishHost.ReadOnly}}","Password":"{{RedfishHost.Password}}"}"""));
        client.DefaultRequestHeaders.Add("X-Auth-Token", login.Headers.GetValues("X-Auth-Token").Single());
        using var timeout = new CancellationTokenSource(Patience);
        using var stream = await OpenAsync(client, null, timeout.Token);

        // An administrator revokes the session (as after a leaked token); then the chassis does something.
        using var deleted = await host.Client().DeleteAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True((await host.CommandAsync(2, SlotAction.ForceOff)).Ok);
        Assert.True(await host.WaitForRelayAsync(2, ["low"]));
        await host.Controller.Journal.WhenStoredAsync();

        Assert.Null(await stream.NextAsync(timeout.Token));
    }

    [Fact]
    public async Task Sse_ControllerStops_StreamEndsAndStopIsPrompt()
    {
        var host = await RedfishHost.StartAsync();
        var client = host.Client();
        using var timeout = new CancellationTokenSource(Patience);
        using var stream = await OpenAsync(client, 0, timeout.Token);
        Assert.NotNull(await stream.NextAsync(timeout.Token));

        var watch = Stopwatch.StartNew();
        await host.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
    }

    [Fact]
    public async Task EventService_Resource_PointsAtTheStreamAndOffersNoPushSubscriptions()
    {
        await using var host = await RedfishHost.StartAsync();
        var client = host.Client(RedfishHost.ReadOnly, RedfishHost.Password);

        var service = await RedfishHost.JsonAsync(await client.GetAsync(new Uri(RedfishPaths.EventService, UriKind.Relative)));
        var root = await RedfishHost.JsonAsync(await client.GetAsync(new Uri(RedfishPaths.Root, UriKind.Relative)));
        using var subscribe = await client.PostAsync(new Uri(RedfishPaths.Subscriptions, UriKind.Relative), RedfishHost.Body("""{"Destination":"https://example.com/events"}"""));

        Assert.Equal(RedfishSchemas.EventService, service["@odata.type"]!.GetValue<string>());
        Assert.True(service["ServiceEnabled"]!.GetValue<bool>());
        Assert.Equal("/redfish/v1/EventService/SSE", service["ServerSentEventUri"]!.GetValue<string>());
        Assert.Equal(RedfishPaths.EventService, root["EventService"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, subscribe.StatusCode);
        Assert.Equal("Base.1.18.0.OperationNotAllowed", await RedfishHost.MessageIdAsync(subscribe));
    }

    private static bool Is(JsonObject redfishEvent, string type, int slot) =>
        redfishEvent["Events"]![0]!["Oem"]!["PiChassis"]!["Type"]!.GetValue<string>() == type
        && redfishEvent["Events"]![0]!["Oem"]!["PiChassis"]!["Slot"]?.GetValue<int>() == slot;

    private static void AssertConsecutive(IEnumerable<long> ids, long from) =>
        Assert.Equal(Enumerable.Range(0, ids.Count()).Select(i => from + i), ids);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, long? lastEventId, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(RedfishPaths.ServerSentEvents, UriKind.Relative));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
    }

    private static async Task<SseReader> OpenAsync(HttpClient client, long? lastEventId, CancellationToken cancellation)
    {
        var response = await SendAsync(client, lastEventId, cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(await response.Content.ReadAsStreamAsync(cancellation));
    }
}
