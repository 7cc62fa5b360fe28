using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

public sealed class RedfishAccountsTests
{
    private static readonly string Hash = PasswordHash.Create("right", 10_000).ToString();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Verify_AfterTheAttempts_LockedOutForTheDurationThenAcceptedAgain()
    {
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, accounts.Verify("ops", "wrong", out _));
        Assert.Equal(SignIn.Refused, accounts.Verify("ops", "wrong", out _));
        Assert.Equal(SignIn.LockedOut, accounts.Verify("ops", "right", out _));
        _time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(SignIn.LockedOut, accounts.Verify("ops", "right", out _));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SignIn.Accepted, accounts.Verify("ops", "right", out var role));
        Assert.Equal(RedfishRole.Operator, role);
    }

    [Fact]
    public void Verify_SuccessInBetween_StartsTheCountAgain()
    {
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, accounts.Verify("ops", "wrong", out _));
        Assert.Equal(SignIn.Accepted, accounts.Verify("ops", "right", out _));
        Assert.Equal(SignIn.Refused, accounts.Verify("ops", "wrong", out _));

        Assert.Equal(SignIn.Accepted, accounts.Verify("ops", "right", out _));
    }

    [Fact]
    public void Verify_UnknownUser_RefusedNeverLockedOut()
    {
        var accounts = Accounts(simulate: false);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SignIn.Refused, accounts.Verify("nobody", "x", out _));
        }
    }

    [Theory]
    [InlineData(true, "127.0.0.1", true)]
    [InlineData(true, "::1", true)]
    [InlineData(true, "0.0.0.0", false)]
    [InlineData(false, "127.0.0.1", false)]
    public void DevelopmentAccount_OnlySimulatingOnLoopback(bool simulate, string address, bool exists)
    {
        var accounts = Accounts(simulate, address);

        Assert.Equal(exists, accounts.HasDevelopmentAccount);
        Assert.Equal(exists ? SignIn.Accepted : SignIn.Refused, accounts.Verify("admin", "pichassis", out _));
    }

    private RedfishAccounts Accounts(bool simulate, string address = "127.0.0.1")
    {
        var options = new RedfishOptions { Address = address, LockoutAttempts = 2, LockoutDuration = TimeSpan.FromMinutes(1) };
        options.Accounts.Add(new RedfishAccountOptions { UserName = "ops", Role = RedfishRole.Operator, PasswordHash = Hash });
        return new RedfishAccounts(Options.Create(options), Options.Create(new SimulationOptions { Enabled = simulate }), _time);
    }
}
