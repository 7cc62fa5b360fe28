using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The configured accounts, their password checks and lockouts. Only configured names are tracked, so
/// guessed names cannot grow memory; an unknown name costs the same hash as a known one, so timing does
/// not tell which names exist. A simulated controller on loopback adds the development account
/// <see cref="DevelopmentUser"/> / <see cref="DevelopmentPassword"/>, which exists nowhere else.
/// </summary>
public sealed class RedfishAccounts
{
    public const string DevelopmentUser = "admin";
    public const string DevelopmentPassword = "pichassis";

    // The development account's hash is made at start: a cheap one, since its password is public anyway.
    private const int DevelopmentIterations = 10_000;

    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Lazy<PasswordHash> _decoy = new(MakeDecoy);
    private readonly RedfishOptions _options;
    private readonly TimeProvider _time;

    public RedfishAccounts(IOptions<RedfishOptions> options, IOptions<SimulationOptions> simulation, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(simulation);
        _options = options.Value;
        _time = time;
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

    /// <summary>Checks a login; after <see cref="RedfishOptions.LockoutAttempts"/> failures in a row the account is locked out.</summary>
    public SignIn Verify(string userName, string password, out RedfishRole role)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        role = RedfishRole.ReadOnly;
        if (!_accounts.TryGetValue(userName, out var account))
        {
            _decoy.Value.Verify(password);
            return SignIn.Refused;
        }

        // One check at a time per account: a flood on one login is slowed to the hash's pace, others are not.
        lock (account.Gate)
        {
            var now = _time.GetUtcNow();
            if (account.LockedUntil is { } until && now < until)
            {
                return SignIn.LockedOut;
            }

            if (!account.Check(password))
            {
                account.LockedUntil = null;
                if (++account.Failures >= _options.LockoutAttempts)
                {
                    account.Failures = 0;
                    account.LockedUntil = now + _options.LockoutDuration;
                }

                return SignIn.Refused;
            }

            account.Failures = 0;
            role = account.Role;
            return SignIn.Accepted;
        }
    }

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

        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }

        public bool Check(string password)
        {
            var digest = HMACSHA256.HashData(DigestKey, Encoding.UTF8.GetBytes(password));
            if (_lastGood is not null && CryptographicOperations.FixedTimeEquals(digest, _lastGood))
            {
                return true;
            }

            if (!hash.Verify(password))
            {
                return false;
            }

            _lastGood = digest;
            return true;
        }
    }
}
