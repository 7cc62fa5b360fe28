using System.Net;
using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>ComputerSystem over HTTP: what each reset really switches (the simulator's relay log), and every refusal switching nothing.</summary>
public sealed class RedfishSystemTests
{
    private static readonly Uri Reset1 = new("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", UriKind.Relative);
    private static readonly Uri System1 = new("/redfish/v1/Systems/1", UriKind.Relative);

    [Theory]
    [InlineData("ForceOff", false, new[] { "low" })]
    [InlineData("GracefulShutdown", false, new[] { "low" })]
    [InlineData("On", true, new[] { "low", "high" })]
    [InlineData("ForceOn", true, new[] { "low", "high" })]
    [InlineData("PowerCycle", false, new[] { "low", "high" })]
    [InlineData("ForceRestart", false, new[] { "low", "high" })]
    [InlineData("GracefulRestart", false, new[] { "low", "high" })]
    public async Task Reset_EachType_SwitchesTheRelayAsTheMqttVerbDoes(string resetType, bool fromOff, string[] writes)
    {
        await using var host = await StartAsync();
        await WaitForPhaseAsync(host, 1, SlotPhase.On);
        if (fromOff)
        {
            Assert.True((await host.CommandAsync(1, SlotAction.ForceOff)).Ok);
        }

        using var response = await host.Client().PostAsync(Reset1, Body($$"""{"ResetType":"{{resetType}}"}"""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(await host.WaitForRelayAsync(1, writes), string.Join(" ", host.RelayWrites(1)));
        Assert.Empty(host.RelayWrites(2));
    }

    [Fact]
    public async Task Reset_Accepted_JournalledWithTheRedfishUserAsSource()
    {
        await using var host = await StartAsync();

        using var response = await host.Client(Operator, Password).PostAsync(Reset1, Body("""{"ResetType":"ForceOff"}"""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(host.Controller.Journal.Read(0, 10_000)
            .Any(e => e is { Type: EventTypes.PowerOff, Slot: 1, Source: Operator })), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Reset_LockedSlot_ConflictWithTheEnginesReasonAndNothingSwitched()
    {
        await using var host = await StartAsync();
        await WaitForPhaseAsync(host, 1, SlotPhase.On);
        Assert.True((await host.CommandAsync(1, SlotAction.Lock)).Ok);

        using var response = await host.Client().PostAsync(Reset1, Body("""{"ResetType":"ForceOff"}"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Contains("locked", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(SlotPhase.On, (await host.StateAsync(1)).Phase);
        Assert.Empty(host.RelayWrites(1));
        using var system = await host.Client().GetAsync(System1);
        Assert.Equal("Disabled", (await JsonAsync(system))["Status"]!["State"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_OnOverTheSupplysBudget_ConflictWithTheEnginesReasonAndNothingSwitched()
    {
        // A boot reserves more than the supply gives at most: the engine refuses every power-on.
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Power:PsuBudgetW"] = "40", ["Power:DefaultBootPeakW"] = "40" });
        Assert.True((await host.CommandAsync(1, SlotAction.ForceOff)).Ok);
        Assert.True(await host.WaitForRelayAsync(1, ["low"]));

        using var response = await host.Client().PostAsync(Reset1, Body("""{"ResetType":"On"}"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("budget_exceeded", (await JsonAsync(response))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(SlotPhase.Off, (await host.StateAsync(1)).Phase);
        Assert.Equal(["low"], host.RelayWrites(1));
    }

    [Theory]
    [InlineData("{\"ResetType\":", "Base.1.18.0.MalformedJSON")]
    [InlineData("[\"On\"]", "Base.1.18.0.MalformedJSON")]
    [InlineData("{\"ResetType\":\"On\",\"ResetType\":\"ForceOff\"}", "Base.1.18.0.MalformedJSON")]
    [InlineData("{\"ResetType\":\"ForceOff\",\"ResetType\":\"On\"}", "Base.1.18.0.MalformedJSON")]
    [InlineData("{}", "Base.1.18.0.ActionParameterMissing")]
    [InlineData("{\"ResetType\":\"Nmi\"}", "Base.1.18.0.ActionParameterValueNotInList")]
    [InlineData("{\"ResetType\":\"forceoff\"}", "Base.1.18.0.ActionParameterValueNotInList")]
    [InlineData("{\"ResetType\":1}", "Base.1.18.0.ActionParameterValueTypeError")]
    [InlineData("{\"ResetType\":\"ForceOff\",\"Delay\":5}", "Base.1.18.0.ActionParameterNotSupported")]
    public async Task Reset_BadBody_BadRequestAndNothingSwitched(string body, string messageId)
    {
        await using var host = await StartAsync();

        using var response = await host.Client().PostAsync(Reset1, Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(messageId, await MessageIdAsync(response));
        Assert.Empty(host.RelayWrites(1));
        Assert.NotEqual(SlotPhase.ShuttingDown, (await host.StateAsync(1)).Phase);
    }

    // What a web page may send cross-site without a CORS preflight (text/plain, a form, a Blob without a type):
    // with the Basic credentials a browser has cached for the service, it would reset a node.
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Reset_BodyNotSentAsJson_UnsupportedMediaTypeAndNothingSwitched(string? contentType)
    {
        await using var host = await StartAsync();
        await WaitForPhaseAsync(host, 1, SlotPhase.On);
        using var body = new ByteArrayContent("""{"ResetType":"ForceOff"}"""u8.ToArray());
        if (contentType is not null)
        {
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await host.Client().PostAsync(Reset1, body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Base.1.18.0.GeneralError", await MessageIdAsync(response));
        Assert.Empty(host.RelayWrites(1));
        Assert.Equal(SlotPhase.On, (await host.StateAsync(1)).Phase);
    }

    [Fact]
    public async Task Reset_HugeBody_PayloadTooLarge()
    {
        await using var host = await StartAsync();
        var body = $$"""{"ResetType":"ForceOff","Pad":"{{new string('x', 70_000)}}"}""";

        using var response = await host.Client().PostAsync(Reset1, Body(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Base.1.18.0.GeneralError", await MessageIdAsync(response));
        Assert.Empty(host.RelayWrites(1));
    }

    [Theory]
    [InlineData("/redfish/v1/Systems/9")]
    [InlineData("/redfish/v1/Systems/01")]
    [InlineData("/redfish/v1/Systems/slot1")]
    public async Task Get_UnknownSystem_NotFound(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Base.1.18.0.ResourceNotFound", await MessageIdAsync(response));
    }

    [Fact]
    public async Task Delete_System_MethodNotAllowedWithAllow()
    {
        await using var host = await StartAsync();

        using var response = await host.Client().DeleteAsync(System1);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var allow = response.Content.Headers.Allow;
        Assert.Contains("GET", allow);
        Assert.Contains("PATCH", allow);
        Assert.DoesNotContain("DELETE", allow);
    }

    [Fact]
    public async Task Get_System_CarriesTheSlotAsComputerSystem()
    {
        await using var host = await StartAsync();
        await WaitForPhaseAsync(host, 1, SlotPhase.On);

        using var response = await host.Client().GetAsync(System1);
        var system = await JsonAsync(response);

        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("ComputerSystem.v1_20_0.json>; rel=describedby", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal("#ComputerSystem.v1_20_0.ComputerSystem", system["@odata.type"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Systems/1", system["@odata.id"]!.GetValue<string>());
        Assert.Equal("1", system["Id"]!.GetValue<string>());
        Assert.Equal((await host.StateAsync(1)).Node, system["HostName"]!.GetValue<string>());
        Assert.Equal("On", system["PowerState"]!.GetValue<string>());
        Assert.Equal("Enabled", system["Status"]!["State"]!.GetValue<string>());
        Assert.Equal("OK", system["Status"]!["Health"]!.GetValue<string>());
        var reset = system["Actions"]!["#ComputerSystem.Reset"]!;
        Assert.Equal(Reset1.OriginalString, reset["target"]!.GetValue<string>());
        Assert.Equal(["On", "ForceOn", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "PowerCycle"],
            reset["ResetType@Redfish.AllowableValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        using var info = await host.Client().GetAsync(new Uri(reset["@Redfish.ActionInfo"]!.GetValue<string>(), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
    }

    [Fact]
    public async Task Patch_IdentifyAndBoot_AppliedAndReturned()
    {
        await using var host = await StartAsync();

        using var response = await host.Client(Operator, Password).PatchAsync(System1,
            Body("""{"LocationIndicatorActive":true,"Boot":{"BootSourceOverrideEnabled":"Continuous","BootSourceOverrideTarget":"Pxe"}}"""));
        var system = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await host.StateAsync(1)).Identifying);
        Assert.True(system["LocationIndicatorActive"]!.GetValue<bool>());
        Assert.Equal("Pxe", system["Boot"]!["BootSourceOverrideTarget"]!.GetValue<string>());
        Assert.Equal("Continuous", system["Boot"]!["BootSourceOverrideEnabled"]!.GetValue<string>());
        Assert.Empty(host.RelayWrites(1));
    }

    [Theory]
    [InlineData("""{"LocationIndicatorActive":false}""")]
    [InlineData("""{"IndicatorLED":"Off"}""")]
    public async Task Patch_IndicatorOffWhileBlinking_StopsTheBlink(string off)
    {
        await using var host = await StartAsync();
        using var on = await host.Client(Operator, Password).PatchAsync(System1, Body("""{"LocationIndicatorActive":true}"""));
        Assert.True((await host.StateAsync(1)).Identifying);

        using var response = await host.Client(Operator, Password).PatchAsync(System1, Body(off));
        var system = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await host.StateAsync(1)).Identifying);
        Assert.False(system["LocationIndicatorActive"]!.GetValue<bool>());
        Assert.Equal("Off", system["IndicatorLED"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"AssetTag\":\"x\"}", "Base.1.18.0.PropertyUnknown")]
    [InlineData("{\"PowerState\":\"Off\"}", "Base.1.18.0.PropertyNotWritable")]
    [InlineData("{\"HostName\":\"other\"}", "Base.1.18.0.PropertyNotWritable")]
    [InlineData("{\"LocationIndicatorActive\":\"yes\"}", "Base.1.18.0.PropertyValueTypeError")]
    [InlineData("{\"Boot\":\"Pxe\"}", "Base.1.18.0.PropertyValueTypeError")]
    [InlineData("{\"Boot\":{\"BootSourceOverrideTarget\":7}}", "Base.1.18.0.PropertyValueTypeError")]
    [InlineData("{\"Boot\":{\"BootSourceOverrideTarget\":\"Floppy\"}}", "Base.1.18.0.PropertyValueNotInList")]
    [InlineData("{\"Boot\":{\"BootOrder\":[]}}", "Base.1.18.0.PropertyUnknown")]
    [InlineData("{\"Boot\":{\"BootSourceOverrideTarget\":\"Pxe\"},\"Bogus\":1}", "Base.1.18.0.PropertyUnknown")]
    [InlineData("{\"LocationIndicatorActive\":true,", "Base.1.18.0.MalformedJSON")]
    public async Task Patch_BadProperty_BadRequestAndNothingChanged(string body, string messageId)
    {
        await using var host = await StartAsync();

        using var response = await host.Client().PatchAsync(System1, Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(messageId, await MessageIdAsync(response));
        using var after = await host.Client().GetAsync(System1);
        var system = await JsonAsync(after);
        Assert.Equal("None", system["Boot"]!["BootSourceOverrideTarget"]!.GetValue<string>());
        Assert.False((await host.StateAsync(1)).Identifying);
    }

    [Fact]
    public async Task Patch_IfMatchMismatch_PreconditionFailedAndNothingChanged()
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, System1) { Content = Body("""{"Boot":{"BootSourceOverrideTarget":"Pxe"}}""") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0000000000000000\"");

        using var response = await host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("Base.1.18.0.PreconditionFailed", await MessageIdAsync(response));
        using var after = await host.Client().GetAsync(System1);
        Assert.Equal("None", (await JsonAsync(after))["Boot"]!["BootSourceOverrideTarget"]!.GetValue<string>());
    }

    /// <summary>MAAS's power driver: the first system, its ETag, a PXE override with If-Match before each power action, then PowerState polled.</summary>
    [Fact]
    public async Task MaasSequence_OffThenOn_EndsOnWithThePxeOverrideKept()
    {
        await using var host = await StartAsync();
        var client = host.Client();
        using var systems = await client.GetAsync(new Uri("/redfish/v1/Systems", UriKind.Relative));
        var first = new Uri((await JsonAsync(systems))["Members"]![0]!["@odata.id"]!.GetValue<string>(), UriKind.Relative);

        foreach (var (resetType, state) in new[] { ("ForceOff", "Off"), ("On", "On") })
        {
            using var read = await client.GetAsync(first);
            using var patch = new HttpRequestMessage(HttpMethod.Patch, first)
            {
                Content = Body("""{"Boot":{"BootSourceOverrideEnabled":"Once","BootSourceOverrideTarget":"Pxe"}}"""),
            };
            patch.Headers.IfMatch.Add(read.Headers.ETag!);
            using var patched = await client.SendAsync(patch);
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

            var target = (await JsonAsync(read))["Actions"]!["#ComputerSystem.Reset"]!["target"]!.GetValue<string>();
            using var reset = await client.PostAsync(new Uri(target, UriKind.Relative), Body($$"""{"ResetType":"{{resetType}}"}"""));
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

            Assert.True(await Poll.UntilAsync(async () => (await PowerStateAsync(client, first)) == state, TimeSpan.FromSeconds(60)), $"never {state}");
        }

        Assert.Equal(["low", "high"], host.RelayWrites(1));
        using var final = await client.GetAsync(first);
        Assert.Equal("Pxe", (await JsonAsync(final))["Boot"]!["BootSourceOverrideTarget"]!.GetValue<string>());
    }

    private static async Task<string> PowerStateAsync(HttpClient client, Uri system)
    {
        using var response = await client.GetAsync(system);
        return (await JsonAsync(response))["PowerState"]!.GetValue<string>();
    }

    private static async Task WaitForPhaseAsync(RedfishHost host, int slot, SlotPhase phase) =>
        Assert.True(await Poll.UntilAsync(async () => (await host.StateAsync(slot)).Phase == phase, TimeSpan.FromSeconds(60)), $"slot {slot} never {phase}");
}
