using System.Net;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

public sealed class LoginFailuresTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    [Fact]
    public void Fail_FromManyAddresses_TracksNoMoreThanTheCapAndTheLatestStayLockedOut()
    {
        var failures = new LoginFailures();
        var now = Start;

        for (var i = 0; i < LoginFailures.MaxAddresses * 4; i++)
        {
            now += TimeSpan.FromMilliseconds(10);
            failures.Fail(Address(i), now, attempts: 1, Duration);
        }

        Assert.Equal(LoginFailures.MaxAddresses, failures.Count);
        Assert.True(failures.IsLockedOut(Address((LoginFailures.MaxAddresses * 4) - 1), now));
        Assert.False(failures.IsLockedOut(Address(0), now));
    }

    [Fact]
    public void Fail_WhenFull_DropsTheRunOutCountsBeforeAnyLockout()
    {
        var failures = new LoginFailures();
        var locked = IPAddress.Parse("198.51.100.1");
        failures.Fail(locked, Start, attempts: 1, Duration);
        for (var i = 1; i < LoginFailures.MaxAddresses; i++)
        {
            failures.Fail(Address(i), Start - Duration, attempts: 5, Duration);
        }

        failures.Fail(Address(LoginFailures.MaxAddresses), Start, attempts: 5, Duration);

        Assert.Equal(2, failures.Count);
        Assert.True(failures.IsLockedOut(locked, Start));
    }

    [Fact]
    public void IsLockedOutAnywhere_UntilTheLastAddressLockoutEnds()
    {
        var failures = new LoginFailures();
        failures.Fail(Address(1), Start, attempts: 1, Duration);
        failures.Fail(Address(2), Start + TimeSpan.FromMinutes(1), attempts: 1, Duration);

        Assert.True(failures.IsLockedOutAnywhere(Start + Duration));
        Assert.False(failures.IsLockedOutAnywhere(Start + Duration + TimeSpan.FromMinutes(1)));
    }

    private static IPAddress Address(int i) => new([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
}
