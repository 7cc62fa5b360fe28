using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Who may connect to the embedded broker and in which <see cref="BrokerRole"/>: the accounts of
/// <c>Mqtt:EmbeddedAccountsFile</c>, and the controller's own clients (its connection and the
/// simulated node agents), which log in with a secret made at start that never leaves the process.
/// Without the file there are no accounts: the broker keeps to loopback and has no access rules.
/// </summary>
public sealed class BrokerAccounts
{
    public const string SimulatorUser = "pichassis-simulator";

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
    private readonly PasswordFile? _file;
    private readonly Topics _topics;
    private readonly string _discoveryPrefix;

    public BrokerAccounts(IOptions<MqttOptions> options, Topics topics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topics = topics;
        _discoveryPrefix = options.Value.DiscoveryPrefix;
        if (options.Value.EmbeddedAccountsFile is { } path)
        {
            // Checked at start (ControllerOptionsValidator): a file that stopped being readable since fails loudly.
            _file = PasswordFile.TryRead(path, out var file, out var errors) ? file
                : throw new InvalidOperationException($"Mqtt:EmbeddedAccountsFile '{path}': {string.Join("; ", errors)}");
        }
    }

    public bool Enabled => _file is not null;

    /// <summary>The controller's own connection, as <c>chassis-&lt;id&gt;</c>; null without accounts.</summary>
    public BrokerLogin? Controller => Enabled ? new(BrokerRole.ControllerUser(_topics), Encoding.UTF8.GetString(_secret)) : null;

    /// <summary>The simulated boards' agents; null without accounts.</summary>
    public BrokerLogin? Simulator => Enabled ? new(SimulatorUser, Encoding.UTF8.GetString(_secret)) : null;

    /// <summary>The role of a login, or null when it is refused.</summary>
    public BrokerRole? Authenticate(string? user, string? password)
    {
        if (_file is null || string.IsNullOrEmpty(user))
        {
            return null;
        }

        var inProcess = password is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _secret);
        if (inProcess && user == SimulatorUser)
        {
            return BrokerRole.Simulator(user);
        }

        return (inProcess && user == BrokerRole.ControllerUser(_topics)) || _file.Verify(user, password)
            ? BrokerRole.For(user, _topics, _discoveryPrefix)
            : null;
    }
}
