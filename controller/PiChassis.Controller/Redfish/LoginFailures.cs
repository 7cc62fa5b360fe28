using System.Net;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// One account's failed logins, counted per client address: failures from one address lock the account
/// for that address only, so a hostile client cannot lock MAAS or the operator out of an account by
/// guessing its password. At most <see cref="MaxAddresses"/> addresses are tracked; beyond, the ones whose
/// count has run out go first, then the one that failed longest ago, so spraying addresses cannot grow
/// memory. Not thread-safe: the account's gate guards it.
/// </summary>
internal sealed class LoginFailures
{
    /// <summary>Addresses tracked per account at most.</summary>
    public const int MaxAddresses = 256;

    private readonly Dictionary<IPAddress, Strikes> _byAddress = [];

    public int Count => _byAddress.Count;

    public bool IsLockedOut(IPAddress address, DateTimeOffset now) => _byAddress.TryGetValue(Key(address), out var strikes) && strikes.IsLockedOut(now);

    /// <summary>True while some address is locked out (what the administrator sees as <c>Locked</c>).</summary>
    public bool IsLockedOutAnywhere(DateTimeOffset now) => _byAddress.Values.Any(s => s.IsLockedOut(now));

    /// <summary>A success from the address: its count starts again.</summary>
    public void Clear(IPAddress address) => _byAddress.Remove(Key(address));

    /// <summary>
    /// Counts a failure from the address; <paramref name="attempts"/> in a row lock it out for
    /// <paramref name="duration"/>. The count starts again <paramref name="duration"/> after the last
    /// failure (AccountLockoutCounterResetAfter).
    /// </summary>
    public void Fail(IPAddress address, DateTimeOffset now, int attempts, TimeSpan duration)
    {
        var key = Key(address);
        if (!_byAddress.TryGetValue(key, out var strikes))
        {
            MakeRoom(now, duration);
            strikes = new Strikes();
            _byAddress[key] = strikes;
        }

        strikes.LockedUntil = null;
        if (now - strikes.LastFailure >= duration)
        {
            strikes.Failures = 0;
        }

        strikes.LastFailure = now;
        if (++strikes.Failures >= attempts)
        {
            strikes.Failures = 0;
            strikes.LockedUntil = now + duration;
        }
    }

    // An IPv4 client seen on a dual-stack socket is the same client as on an IPv4 one.
    internal static IPAddress Key(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void MakeRoom(DateTimeOffset now, TimeSpan duration)
    {
        if (_byAddress.Count < MaxAddresses)
        {
            return;
        }

        // A lockout ends, and a count starts again, one duration after the last failure: such entries hold nothing.
        foreach (var (address, _) in _byAddress.Where(e => now - e.Value.LastFailure >= duration).ToList())
        {
            _byAddress.Remove(address);
        }

        if (_byAddress.Count >= MaxAddresses)
        {
            _byAddress.Remove(_byAddress.MinBy(e => e.Value.LastFailure).Key);
        }
    }

    private sealed class Strikes
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }

        public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && now < until;
    }
}
