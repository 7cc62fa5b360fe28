using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

public sealed class RedfishSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Use_IdleLongerThanTheTimeout_SessionEnded()
    {
        var sessions = Sessions(timeout: TimeSpan.FromMinutes(1));
        var session = sessions.Create("admin", RedfishRole.Administrator)!;

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(sessions.Use(session.Token));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(sessions.Use(session.Token));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(sessions.Use(session.Token));
        Assert.Empty(sessions.All());
    }

    [Fact]
    public void Touch_ByAnOpenStream_KeepsTheSessionUntilItIsDeleted()
    {
        var sessions = Sessions(timeout: TimeSpan.FromMinutes(1));
        var session = sessions.Create("viewer", RedfishRole.ReadOnly)!;

        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(sessions.Touch(session.Id));
        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.NotNull(sessions.Use(session.Token));
        Assert.True(sessions.End(session.Id));

        Assert.False(sessions.Touch(session.Id));
    }

    [Fact]
    public void Create_AtTheCap_RefusedUntilOneEnds()
    {
        var sessions = Sessions(max: 2);
        var first = sessions.Create("a", RedfishRole.ReadOnly)!;
        Assert.NotNull(sessions.Create("b", RedfishRole.ReadOnly));

        Assert.Null(sessions.Create("c", RedfishRole.ReadOnly));
        Assert.True(sessions.End(first.Id));
        Assert.NotNull(sessions.Create("c", RedfishRole.ReadOnly));
    }

    [Fact]
    public void Create_BeyondAnAccountsQuarter_RefusedWhileAnotherAccountMayStillSignIn()
    {
        var sessions = Sessions(max: 8);
        Assert.Equal(2, sessions.PerAccount);
        var first = sessions.Create("viewer", RedfishRole.ReadOnly)!;
        Assert.NotNull(sessions.Create("viewer", RedfishRole.ReadOnly));

        Assert.Null(sessions.Create("viewer", RedfishRole.ReadOnly));
        Assert.NotNull(sessions.Create("admin", RedfishRole.Administrator));
        Assert.True(sessions.End(first.Id));
        Assert.NotNull(sessions.Create("viewer", RedfishRole.ReadOnly));
    }

    [Fact]
    public void Create_TinyCap_EachAccountStillGetsOne()
    {
        var sessions = Sessions(max: 3);

        Assert.NotNull(sessions.Create("a", RedfishRole.ReadOnly));
        Assert.Null(sessions.Create("a", RedfishRole.ReadOnly));
        Assert.NotNull(sessions.Create("b", RedfishRole.ReadOnly));
    }

    [Fact]
    public void Create_Tokens_UnguessableAndDistinctFromIds()
    {
        var sessions = Sessions();
        var a = sessions.Create("a", RedfishRole.ReadOnly)!;
        var b = sessions.Create("a", RedfishRole.ReadOnly)!;

        Assert.NotEqual(a.Token, b.Token);
        Assert.True(a.Token.Length >= 43);
        Assert.DoesNotContain(a.Id, a.Token, StringComparison.Ordinal);
        Assert.Null(sessions.Use(a.Id));
    }

    private RedfishSessions Sessions(TimeSpan? timeout = null, int max = 64) =>
        new(Options.Create(new RedfishOptions { SessionTimeout = timeout ?? TimeSpan.FromMinutes(30), MaxSessions = max }), _time);
}
