using System.Net;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>Who may do what over HTTP: anonymous only the open documents, roles by Redfish's privileges, lockout, sessions.</summary>
public sealed class RedfishAuthTests
{
    [Theory]
    [InlineData("/redfish")]
    [InlineData("/redfish/v1")]
    [InlineData("/redfish/v1/")]
    [InlineData("/redfish/v1/odata")]
    [InlineData("/redfish/v1/$metadata")]
    [InlineData("/Redfish/V1")]
    public async Task Get_OpenDocuments_ServedToAnyone(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Client(user: null).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
    }

    [Theory]
    [InlineData("/redfish/v1/Systems")]
    [InlineData("/redfish/v1/Systems/1")]
    [InlineData("/redfish/v1/SessionService")]
    [InlineData("/redfish/v1/AccountService/Accounts")]
    [InlineData("/redfish/v1/NoSuchThing")]
    public async Task Get_Anonymous_RefusedWithChallenge(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Client(user: null).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        Assert.Equal("Base.1.18.0.NoValidSession", await MessageIdAsync(response));
    }

    [Fact]
    public async Task Reset_ReadOnly_ForbiddenAndNothingSwitched()
    {
        await using var host = await StartAsync();
        var client = host.Client(ReadOnly, Password);

        using var read = await client.GetAsync(new Uri("/redfish/v1/Systems/1", UriKind.Relative));
        using var reset = await client.PostAsync(new Uri("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", UriKind.Relative), Body("""{"ResetType":"ForceOff"}"""));
        using var patch = await client.PatchAsync(new Uri("/redfish/v1/Systems/1", UriKind.Relative), Body("""{"LocationIndicatorActive":true}"""));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Equal("Base.1.18.0.InsufficientPrivilege", await MessageIdAsync(reset));
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Empty(host.RelayWrites(1));
        Assert.False((await host.StateAsync(1)).Identifying);
    }

    [Fact]
    public async Task Reset_Operator_Allowed()
    {
        await using var host = await StartAsync();

        using var reset = await host.Client(Operator, Password).PostAsync(
            new Uri("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", UriKind.Relative), Body("""{"ResetType":"ForceOff"}"""));

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.True(await host.WaitForRelayAsync(1, ["low"]), string.Join(" ", host.RelayWrites(1)));
    }

    [Fact]
    public async Task Get_WrongPassword_RefusedThenLockedOutEvenWithTheRightOne()
    {
        await using var host = await StartAsync();
        var systems = new Uri("/redfish/v1/Systems", UriKind.Relative);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await host.Client(Operator, "guess").GetAsync(systems);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("Base.1.18.0.ResourceAtUriUnauthorized", await MessageIdAsync(wrong));
        }

        using var right = await host.Client(Operator, Password).GetAsync(systems);
        using var other = await host.Client(ReadOnly, Password).GetAsync(systems);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Session_CreateUseDelete_TokenWorksUntilDeleted()
    {
        await using var host = await StartAsync();
        var anonymous = host.Client(user: null);

        using var created = await anonymous.PostAsync(new Uri("/redfish/v1/SessionService/Sessions", UriKind.Relative),
            Body($$"""{"UserName":"{{Operator}}","Password":"{{Password}}"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = created.Headers.GetValues("X-Auth-Token").Single();
        var location = created.Headers.Location!;
        Assert.StartsWith("/redfish/v1/SessionService/Sessions/", location.OriginalString, StringComparison.Ordinal);

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/Systems");
        withToken.Headers.Add("X-Auth-Token", token);
        using var read = await anonymous.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, location);
        delete.Headers.Add("X-Auth-Token", token);
        using var deleted = await anonymous.SendAsync(delete);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var after = new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/Systems");
        after.Headers.Add("X-Auth-Token", token);
        using var refused = await anonymous.SendAsync(after);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Session_BeyondAnAccountsShare_Refused503WhileAnotherAccountSignsIn()
    {
        // 4 sessions in all: one per account.
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Redfish:MaxSessions"] = "4" });
        var anonymous = host.Client(user: null);
        var sessions = new Uri("/redfish/v1/SessionService/Sessions", UriKind.Relative);
        var viewer = $$"""{"UserName":"{{ReadOnly}}","Password":"{{Password}}"}""";

        using var first = await anonymous.PostAsync(sessions, Body(viewer));
        using var second = await anonymous.PostAsync(sessions, Body(viewer));
        using var other = await anonymous.PostAsync(sessions, Body($$"""{"UserName":"{{Operator}}","Password":"{{Password}}"}"""));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("Base.1.18.0.SessionLimitExceeded", await MessageIdAsync(second));
        Assert.Contains("at most 1 sessions per account and 4 in all", (await JsonAsync(second))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(second.Headers.Contains("X-Auth-Token"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Session_CreateAtThePathInAnotherCase_Created()
    {
        // Routing reads the path in any case; the sign-in must be open at the same paths.
        await using var host = await StartAsync();

        using var created = await host.Client(user: null).PostAsync(new Uri("/redfish/v1/sessionservice/sessions", UriKind.Relative),
            Body($$"""{"UserName":"{{Operator}}","Password":"{{Password}}"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.Contains("X-Auth-Token"));
    }

    [Fact]
    public async Task Session_WithAContext_KeptAndShownAndAnOverlongOneRefused()
    {
        await using var host = await StartAsync();
        var sessions = new Uri("/redfish/v1/SessionService/Sessions", UriKind.Relative);

        using var created = await host.Client(user: null).PostAsync(sessions,
            Body($$"""{"UserName":"{{Operator}}","Password":"{{Password}}","Context":"ironic conductor 2"}"""));
        using var overlong = await host.Client(user: null).PostAsync(sessions,
            Body($$"""{"UserName":"{{Operator}}","Password":"{{Password}}","Context":"{{new string('x', 257)}}"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ironic conductor 2", (await JsonAsync(created))["Context"]!.GetValue<string>());
        using var read = await host.Client().GetAsync(created.Headers.Location!);
        Assert.Equal("ironic conductor 2", (await JsonAsync(read))["Context"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        Assert.Equal("Base.1.18.0.PropertyValueFormatError", await MessageIdAsync(overlong));
        Assert.False(overlong.Headers.Contains("X-Auth-Token"));
    }

    [Fact]
    public async Task Session_WrongPassword_Unauthorized()
    {
        await using var host = await StartAsync();

        using var response = await host.Client(user: null).PostAsync(new Uri("/redfish/v1/SessionService/Sessions", UriKind.Relative),
            Body($$"""{"UserName":"{{Operator}}","Password":"nope"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Auth-Token"));
    }

    [Fact]
    public async Task Session_OtherUsersSession_NotVisibleToOperatorButToAdministrator()
    {
        await using var host = await StartAsync();
        using var created = await host.Client(user: null).PostAsync(new Uri("/redfish/v1/SessionService/Sessions", UriKind.Relative),
            Body($$"""{"UserName":"{{ReadOnly}}","Password":"{{Password}}"}"""));
        var location = created.Headers.Location!;

        using var byOperator = await host.Client(Operator, Password).DeleteAsync(location);
        using var byAdmin = await host.Client().GetAsync(location);

        Assert.Equal(HttpStatusCode.NotFound, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task Accounts_ReadOnly_SeesOnlyItself()
    {
        await using var host = await StartAsync();

        using var mine = await host.Client(ReadOnly, Password).GetAsync(new Uri("/redfish/v1/AccountService/Accounts", UriKind.Relative));
        using var all = await host.Client().GetAsync(new Uri("/redfish/v1/AccountService/Accounts", UriKind.Relative));

        Assert.Equal(1, (await JsonAsync(mine))["Members@odata.count"]!.GetValue<int>());
        Assert.Equal(3, (await JsonAsync(all))["Members@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Account_LockedOutByFailedLogins_ShownLockedToTheAdministrator()
    {
        await using var host = await StartAsync();
        var account = new Uri($"/redfish/v1/AccountService/Accounts/{Operator}", UriKind.Relative);
        Assert.False((await JsonAsync(await host.Client().GetAsync(account)))["Locked"]!.GetValue<bool>());

        // The rig locks out after three failures in a row.
        for (var i = 0; i < 3; i++)
        {
            using var refused = await host.Client(Operator, "nope").GetAsync(new Uri("/redfish/v1/Systems", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.True((await JsonAsync(await host.Client().GetAsync(account)))["Locked"]!.GetValue<bool>());
    }
}
