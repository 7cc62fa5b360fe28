using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The configured accounts, their password checks and lockouts. Lockouts are per account and client
/// address (<see cref="LoginFailures"/>), so a hostile client locks an account for itself only. Only
/// configured names are tracked, so guessed names cannot grow memory; an unknown name costs the same hash as a known one, so timing
/// does not tell which names exist (<see cref="VerifyAsync"/>). A simulated controller on loopback
/// adds the development account <see cref="DevelopmentUser"/> / <see cref="DevelopmentPassword"/>,
/// which exists nowhere else.
/// </summary>
public sealed class RedfishAccounts : IDisposable
{
    public const string DevelopmentUser = "admin";
    public const string DevelopmentPassword = "pichassis";

    /// <summary>Logins waiting for the slow hash at most; more are answered "busy" (503) at once.</summary>
    public const int MaxHashesWaiting = 16;

    /// <summary>Client addresses whose password checks are counted at once; beyond, the fullest counts are forgotten.</summary>
    private const int MaxAddresses = 1024;

    // The development account's hash is made at start: a cheap one, since its password is public anyway.
    private const int DevelopmentIterations = 10_000;

    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Lazy<PasswordHash> _decoy = new(MakeDecoy);
    private readonly SemaphoreSlim _hashing = new(1, 1);
    private readonly KeyedRateLimits _checks;
    private readonly RedfishOptions _options;
    private readonly TimeProvider _time;
    private int _hashesWaiting;

    public RedfishAccounts(IOptions<RedfishOptions> options, IOptions<SimulationOptions> simulation, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(simulation);
        _options = options.Value;
        _time = time;
        _checks = new KeyedRateLimits(_options.PasswordChecksPerSecond, 10 * _options.PasswordChecksPerSecond, MaxAddresses, time);
        foreach (var account in _options.Accounts)
        {
            // The configuration check has refused unreadable hashes before anything starts.
            if (PasswordHash.TryParse(account.PasswordHash, out var hash, out _))
            {
                _accounts[account.UserName] = new Account(account.UserName, account.Role, hash!);
            }
        }

        HasDevelopmentAccount = simulation.Value.Enabled
            && RedfishOptionsValidator.TryParseAddress(_options.Address, out var address) && IPAddress.IsLoopback(address)
            && !_accounts.ContainsKey(DevelopmentUser);
        if (HasDevelopmentAccount)
        {
            _accounts[DevelopmentUser] = new Account(DevelopmentUser, RedfishRole.Administrator, PasswordHash.Create(DevelopmentPassword, DevelopmentIterations));
        }
    }

    /// <summary>True when the development account admin / pichassis exists (simulation on loopback).</summary>
    public bool HasDevelopmentAccount { get; }

    public IEnumerable<(string UserName, RedfishRole Role)> All => _accounts.Values.Select(a => (a.UserName, a.Role)).OrderBy(a => a.UserName, StringComparer.Ordinal);

    public RedfishRole? RoleOf(string userName) => _accounts.TryGetValue(userName, out var account) ? account.Role : null;

    /// <summary>
    /// True while failed logins keep the account locked out from some client address (its ManagerAccount's
    /// <c>Locked</c>); other addresses may still sign in.
    /// </summary>
    public bool IsLockedOut(string userName)
    {
        if (!_accounts.TryGetValue(userName, out var account))
        {
            return false;
        }

        lock (account.Gate)
        {
            return account.Failures.IsLockedOutAnywhere(_time.GetUtcNow());
        }
    }

    /// <summary>Seconds a client answered <see cref="SignIn.Throttled"/> waits before its next password check is let through.</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling(1 / _options.PasswordChecksPerSecond)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks a login from <paramref name="client"/> (null when unknown: such clients share one count); after
    /// <see cref="RedfishOptions.LockoutAttempts"/> failures in a row from that address the account is
    /// locked out for that address. The slow hashes run one at a time, and at most <see cref="MaxHashesWaiting"/> wait
    /// (beyond: <see cref="SignIn.Busy"/>): a flood of logins takes one core at most, and never
    /// fills the thread pool the engine loop and sampling run on. Each address may cause
    /// <see cref="RedfishOptions.PasswordChecksPerSecond"/> hashes (beyond: <see cref="SignIn.Throttled"/>).
    /// </summary>
    public async Task<(SignIn Outcome, RedfishRole Role)> VerifyAsync(string userName, string password, IPAddress? client)
    {
        var address = client ?? IPAddress.None;
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        _accounts.TryGetValue(userName, out var account);
        var digest = Account.Digest(password);
        if (account is not null)
        {
            lock (account.Gate)
            {
                if (account.Failures.IsLockedOut(address, _time.GetUtcNow()))
                {
                    return (SignIn.LockedOut, default);
                }

                if (account.MatchesLastGood(digest))
                {
                    account.Accept(digest, address);
                    return (SignIn.Accepted, account.Role);
                }
            }
        }

        // Counted before the hash: one address guessing (or inventing names, which no lockout stops)
        // must not keep the one hash busy and every other login waiting.
        if (!_checks.TryTake(LoginFailures.Key(address).ToString()))
        {
            return (SignIn.Throttled, default);
        }

        if (Interlocked.Increment(ref _hashesWaiting) > MaxHashesWaiting)
        {
            Interlocked.Decrement(ref _hashesWaiting);
            return (SignIn.Busy, default);
        }

        bool right;
        await _hashing.WaitAsync();
        try
        {
            // The hash runs as a work item of its own: whoever called is not held by it.
            await Task.Yield();

            // An unknown name costs the same hash, so timing does not tell which names exist.
            right = (account?.Hash ?? _decoy.Value).Verify(password) && account is not null;
        }
        finally
        {
            _hashing.Release();
            Interlocked.Decrement(ref _hashesWaiting);
        }

        if (account is null)
        {
            return (SignIn.Refused, default);
        }

        lock (account.Gate)
        {
            var now = _time.GetUtcNow();
            if (account.Failures.IsLockedOut(address, now))
            {
                return (SignIn.LockedOut, default);
            }

            if (right)
            {
                account.Accept(digest, address);
                return (SignIn.Accepted, account.Role);
            }

            account.Failures.Fail(address, now, _options.LockoutAttempts, _options.LockoutDuration);
            return (SignIn.Refused, default);
        }
    }

    public void Dispose() => _hashing.Dispose();

    private static PasswordHash MakeDecoy() => PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    private sealed class Account(string userName, RedfishRole role, PasswordHash hash)
    {
        // Basic auth sends the password with every request: the last one that passed the slow hash is
        // remembered as a keyed digest, so a client such as MAAS does not cost a PBKDF2 per request.
        private static readonly byte[] DigestKey = RandomNumberGenerator.GetBytes(32);
        private byte[]? _lastGood;

        public Lock Gate { get; } = new();

        public string UserName { get; } = userName;

        public RedfishRole Role { get; } = role;

        public PasswordHash Hash { get; } = hash;

        public LoginFailures Failures { get; } = new();

        public static byte[] Digest(string password) => HMACSHA256.HashData(DigestKey, Encoding.UTF8.GetBytes(password));

        public bool MatchesLastGood(byte[] digest) => _lastGood is not null && CryptographicOperations.FixedTimeEquals(digest, _lastGood);

        public void Accept(byte[] digest, IPAddress address)
        {
            Failures.Clear(address);
            _lastGood = digest;
        }
    }
}
