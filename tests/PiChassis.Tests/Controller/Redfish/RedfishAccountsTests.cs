using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

public sealed class RedfishAccountsTests
{
    private static readonly string Hash = PasswordHash.Create("right", 10_000).ToString();
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.20");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Verify_AfterTheAttempts_LockedOutForTheDurationThenAcceptedAgain()
    {
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        Assert.Equal(SignIn.LockedOut, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        _time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(SignIn.LockedOut, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        _time.Advance(TimeSpan.FromSeconds(1));

        var (outcome, role) = await accounts.VerifyAsync("ops", "right", A);
        Assert.Equal(SignIn.Accepted, outcome);
        Assert.Equal(RedfishRole.Operator, role);
    }

    [Fact]
    public async Task Verify_FailuresFromOneAddress_LockItOutThereOnlyAndAnotherAddressSignsIn()
    {
        // A hostile client must not lock MAAS or the operator out of an account by guessing its password.
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        Assert.Equal(SignIn.LockedOut, (await accounts.VerifyAsync("ops", "right", A)).Outcome);

        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", B)).Outcome);
        Assert.Equal(SignIn.LockedOut, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        Assert.True(accounts.IsLockedOut("ops"));
    }

    [Fact]
    public async Task Verify_IPv4MappedAddress_CountedAsTheSameClient()
    {
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A.MapToIPv6())).Outcome);

        Assert.Equal(SignIn.LockedOut, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
    }

    [Fact]
    public async Task Verify_SuccessInBetween_StartsTheCountAgain()
    {
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);

        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
    }

    [Fact]
    public async Task Verify_SuccessFromOneAddress_LeavesAnotherAddressCounting()
    {
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", B)).Outcome);
        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", B)).Outcome);

        Assert.Equal(SignIn.LockedOut, (await accounts.VerifyAsync("ops", "right", B)).Outcome);
    }

    [Fact]
    public async Task Verify_FailuresFurtherApartThanTheDuration_NeverAddUpToALockout()
    {
        // The service advertises AccountLockoutCounterResetAfter: the count restarts that long after the last failure.
        var accounts = Accounts(simulate: false);

        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("ops", "wrong", A)).Outcome);

        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
    }

    [Fact]
    public async Task Verify_UnknownUser_RefusedNeverLockedOut()
    {
        var accounts = Accounts(simulate: false);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync("nobody", "x", A)).Outcome);
        }
    }

    [Theory]
    [InlineData(true, "127.0.0.1", true)]
    [InlineData(true, "::1", true)]
    [InlineData(true, "0.0.0.0", false)]
    [InlineData(false, "127.0.0.1", false)]
    public async Task DevelopmentAccount_OnlySimulatingOnLoopback(bool simulate, string address, bool exists)
    {
        var accounts = Accounts(simulate, address);

        Assert.Equal(exists, accounts.HasDevelopmentAccount);
        Assert.Equal(exists ? SignIn.Accepted : SignIn.Refused, (await accounts.VerifyAsync("admin", "pichassis", A)).Outcome);
    }

    [Fact]
    public async Task Verify_AFloodOfLoginsFromManyAddresses_OneHashAtATimeAndTheRestRefusedAsBusy()
    {
        var accounts = Accounts(simulate: false);

        var logins = Enumerable.Range(0, 40).Select(i => accounts.VerifyAsync($"guess{i}", "x", IPAddress.Parse($"192.0.2.{100 + i}"))).ToList();
        var outcomes = (await Task.WhenAll(logins)).Select(o => o.Outcome).ToList();

        Assert.Equal(RedfishAccounts.MaxHashesWaiting, outcomes.Count(o => o == SignIn.Refused));
        Assert.Equal(40 - RedfishAccounts.MaxHashesWaiting, outcomes.Count(o => o == SignIn.Busy));
    }

    [Fact]
    public async Task Verify_OneAddressGuessingNames_ThrottledBeforeTheHashWhileAnotherAddressIsChecked()
    {
        // Made-up names are never locked out: only the count of password checks holds them back.
        var accounts = Accounts(simulate: false, checksPerSecond: 0.5);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignIn.Refused, (await accounts.VerifyAsync($"guess{i}", "x", A)).Outcome);
        }

        Assert.Equal(SignIn.Throttled, (await accounts.VerifyAsync("guess5", "x", A.MapToIPv6())).Outcome);
        Assert.Equal(SignIn.Throttled, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        Assert.Equal("2", accounts.RetryAfterSeconds);
        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", B)).Outcome);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
    }

    [Fact]
    public async Task Verify_BasicClientRepeatingItsPassword_NeverThrottled()
    {
        // MAAS sends its password with every request: after the first check it costs no hash.
        var accounts = Accounts(simulate: false, checksPerSecond: 0.1);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(SignIn.Accepted, (await accounts.VerifyAsync("ops", "right", A)).Outcome);
        }
    }

    private RedfishAccounts Accounts(bool simulate, string address = "127.0.0.1", double checksPerSecond = 1)
    {
        var options = new RedfishOptions
        {
            Address = address, LockoutAttempts = 2, LockoutDuration = TimeSpan.FromMinutes(1), PasswordChecksPerSecond = checksPerSecond,
        };
        options.Accounts.Add(new RedfishAccountOptions { UserName = "ops", Role = RedfishRole.Operator, PasswordHash = Hash });
        return new RedfishAccounts(Options.Create(options), Options.Create(new SimulationOptions { Enabled = simulate }), _time);
    }
}
