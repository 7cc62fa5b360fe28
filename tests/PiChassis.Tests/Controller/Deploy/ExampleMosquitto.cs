using System.Globalization;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Deploy;

/// <summary>
/// Mosquitto on the shipped controller/deploy/mosquitto/mosquitto.conf, changed only in ports and
/// paths, with a copy of the shipped ACL to which the shipped add-node.sh added the given nodes.
/// </summary>
internal sealed class ExampleMosquitto : IAsyncDisposable
{
    private readonly string _dir;
    private readonly MosquittoBroker _broker;

    private ExampleMosquitto(string dir, MosquittoBroker broker, TlsFiles tls, int tlsPort)
    {
        _dir = dir;
        _broker = broker;
        Tls = tls;
        TlsPort = tlsPort;
    }

    public int Port => _broker.Port;

    public int TlsPort { get; }

    public TlsFiles Tls { get; }

    public static string Deploy(string file) => RepositoryPaths.Deploy("mosquitto", file);

    /// <param name="users">user → password</param>
    /// <param name="nodes">chassis id → its nodes, as add-node.sh takes them</param>
    /// <param name="handEdit">ACL lines appended after add-node.sh, as an administrator editing the file by hand would</param>
    public static async Task<ExampleMosquitto> StartAsync(IReadOnlyDictionary<string, string> users, IReadOnlyDictionary<string, string[]> nodes, string? handEdit = null)
    {
        var dir = Directory.CreateTempSubdirectory("pichassis-example-").FullName;
        var acl = Path.Combine(dir, "pichassis.acl");
        File.Copy(Deploy("pichassis.acl"), acl);
        foreach (var (chassis, names) in nodes)
        {
            var added = await ProcessRunner.RunAsync("sh", [Deploy("add-node.sh"), acl, chassis, .. names], TimeSpan.FromSeconds(10));
            if (added.ExitCode != 0)
            {
                throw new InvalidOperationException($"add-node.sh {chassis} failed: {added.Error}");
            }
        }

        if (handEdit is not null)
        {
            await File.AppendAllTextAsync(acl, handEdit);
        }

        var example = await File.ReadAllTextAsync(Deploy("mosquitto.conf"));
        var tls = await TlsFiles.CreateAsync(dir);
        var tlsPort = FreePort.Next();
        var broker = await MosquittoBroker.StartWithConfigAsync((port, brokerDir) => "user root\n" + example
            .Replace("listener 1883 127.0.0.1", $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 8883", $"listener {tlsPort.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
            .Replace("/etc/mosquitto/certs/ca.crt", tls.CaFile, StringComparison.Ordinal)
            .Replace("/etc/mosquitto/certs/broker.crt", tls.CertFile, StringComparison.Ordinal)
            .Replace("/etc/mosquitto/certs/broker.key", tls.KeyFile, StringComparison.Ordinal)
            .Replace("/etc/mosquitto/pichassis.passwd", Path.Combine(brokerDir, "passwd"), StringComparison.Ordinal)
            .Replace("/etc/mosquitto/pichassis.acl", acl, StringComparison.Ordinal)
            .Replace("/var/lib/mosquitto/", brokerDir + "/", StringComparison.Ordinal), users);
        return new ExampleMosquitto(dir, broker, tls, tlsPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
