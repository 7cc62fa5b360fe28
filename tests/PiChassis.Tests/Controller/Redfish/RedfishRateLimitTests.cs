using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Redfish;
using PiChassis.Tests.TestSupport;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>
/// The per-client request limit: a client past its burst is answered 429 before anything is done, and
/// other clients keep theirs. The limit's clock is frozen, so no token comes back while a test runs.
/// </summary>
public sealed class RedfishRateLimitTests
{
    private const int Burst = 3;
    private static readonly Uri Reset1 = new("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", UriKind.Relative);
    private static readonly Uri Reset2 = new("/redfish/v1/Systems/2/Actions/ComputerSystem.Reset", UriKind.Relative);
    private static readonly Uri System1 = new("/redfish/v1/Systems/1", UriKind.Relative);

    [Fact]
    public async Task Reset_PastTheAccountsBurst_429WithRetryAfterAndNothingSwitched_AnotherAccountStillServed()
    {
        await using var host = await StartAsync();
        await WaitForOnAsync(host, 1);
        await WaitForOnAsync(host, 2);
        var operatorClient = host.Client(Operator, Password);
        for (var i = 0; i < Burst; i++)
        {
            using var read = await operatorClient.GetAsync(System1);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var refused = await operatorClient.PostAsync(Reset1, Body("""{"ResetType":"ForceOff"}"""));
        using var other = await host.Client().PostAsync(Reset2, Body("""{"ResetType":"ForceOff"}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("Base.1.18.0.ServiceTemporarilyUnavailable", await MessageIdAsync(refused));
        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);

        // The other account's reset went through the engine and switched; by then the refused one would have too.
        Assert.True(await host.WaitForRelayAsync(2, ["low"]), string.Join(" ", host.RelayWrites(2)));
        Assert.Empty(host.RelayWrites(1));
        Assert.Equal(SlotPhase.On, (await host.StateAsync(1)).Phase);
    }

    [Fact]
    public async Task Get_WrongPasswordsPastTheAddresssChecks_429BeforeTheHashAndSessionLoginsToo()
    {
        // One password check per 10 s, a burst of one: the second guess is not hashed at all.
        await using var host = await RedfishHost.StartAsync(new Dictionary<string, string?> { ["Redfish:PasswordChecksPerSecond"] = "0.1" });

        using var first = await host.Client(Operator, "guess1").GetAsync(System1);
        using var second = await host.Client(Operator, "guess2").GetAsync(System1);
        using var login = await host.Client(user: null).PostAsync(new Uri("/redfish/v1/SessionService/Sessions", UriKind.Relative),
            Body($$"""{"UserName":"{{Admin}}","Password":"{{AdminPassword}}"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), second.Headers.RetryAfter?.Delta);
        Assert.Empty(second.Headers.WwwAuthenticate);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.False(login.Headers.Contains("X-Auth-Token"));
    }

    [Fact]
    public async Task Get_AnonymousFloodFromTheSameAddress_AccountStillServed()
    {
        await using var host = await StartAsync();
        var anonymous = host.Client(user: null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Burst; i++)
        {
            using var root = await anonymous.GetAsync(new Uri("/redfish/v1", UriKind.Relative));
            statuses.Add(root.StatusCode);
        }

        using var signedIn = await host.Client(ReadOnly, Password).GetAsync(System1);
        using var anonymousAgain = await anonymous.GetAsync(System1);

        Assert.Equal<HttpStatusCode>([.. Enumerable.Repeat(HttpStatusCode.OK, Burst), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, anonymousAgain.StatusCode);
    }

    [Fact]
    public async Task Get_OneAccountsSessionsAndBasic_ShareOneBurst()
    {
        await using var host = await StartAsync();
        using var login = await host.Client(user: null).PostAsync(new Uri(RedfishPaths.Sessions, UriKind.Relative),
            Body($$"""{"UserName":"{{ReadOnly}}","Password":"{{Password}}"}"""));
        var session = host.Client(user: null);
        session.DefaultRequestHeaders.Add("X-Auth-Token", login.Headers.GetValues("X-Auth-Token").Single());
        var basic = host.Client(ReadOnly, Password);
        for (var i = 0; i < Burst; i++)
        {
            using var read = await (i % 2 == 0 ? session : basic).GetAsync(System1);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var bySession = await session.GetAsync(System1);
        using var byBasic = await basic.GetAsync(System1);

        Assert.Equal(HttpStatusCode.TooManyRequests, bySession.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, byBasic.StatusCode);
    }

    private static Task<RedfishHost> StartAsync()
    {
        var frozen = new FakeTimeProvider();
        return RedfishHost.StartAsync(
            new Dictionary<string, string?> { ["Redfish:RequestBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            builder => builder.Services.AddSingleton(sp => new RedfishRequestLimit(sp.GetRequiredService<IOptions<RedfishOptions>>(), frozen)));
    }

    private static async Task WaitForOnAsync(RedfishHost host, int slot) =>
        Assert.True(await Poll.UntilAsync(async () => (await host.StateAsync(slot)).Phase == SlotPhase.On, TimeSpan.FromSeconds(60)), $"slot {slot} never on");
}
