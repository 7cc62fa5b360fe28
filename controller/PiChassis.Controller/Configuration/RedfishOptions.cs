namespace PiChassis.Controller.Configuration;

/// <summary>
/// The Redfish service for datacenter tools (MAAS, Ironic, redfishtool). Section <c>Redfish</c>.
/// Plain HTTP only on loopback; on any other address HTTPS with <see cref="CertificatePath"/>.
/// </summary>
public sealed class RedfishOptions
{
    public const string Section = "Redfish";

    /// <summary>Serve Redfish; unset: only with <c>--simulate</c> (on hardware it waits for a certificate and accounts).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The IP address to listen on; loopback by default.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 takes a free one (the bound address is logged at start).</summary>
    public int Port { get; set; } = 8443;

    /// <summary>The server certificate: PEM with its key in the same file, or PKCS#12 (.pfx/.p12). Required off loopback.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A session unused this long ends.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Open sessions at most; a login beyond is refused until one ends or expires.</summary>
    public int MaxSessions { get; set; } = 64;

    /// <summary>Failed logins in a row after which an account is locked out.</summary>
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked-out account refuses every login, even the right one.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Requests one client (a signed-in account, else an address) may make per second on average; beyond
    /// its burst it is answered 429. 20/s is well above what real tools need: MAAS and Ironic poll a node
    /// every few seconds, a Prometheus scrape is one request, a Kepler or redfishtool sweep of 16 nodes
    /// a few dozen.
    /// </summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests one client may make at once before <see cref="RequestsPerSecond"/> holds it back: enough for an operator resetting all 16 nodes and reading each back several times.</summary>
    public int RequestBurst { get; set; } = 100;

    /// <summary>
    /// Slow password checks one client address may cause per second on average, ten times this in a
    /// burst; beyond, its logins are answered 429 before the hash. A client whose Basic password
    /// passed before costs none, so this only holds back guessing (and a flood of made-up names).
    /// </summary>
    public double PasswordChecksPerSecond { get; set; } = 1;

    public List<RedfishAccountOptions> Accounts { get; } = [];
}
