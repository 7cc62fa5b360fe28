using System.Diagnostics;
using System.Text;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>
/// A real Mosquitto on a free loopback port with a throwaway config in a temp directory; killed
/// (and the directory removed) when disposed. It can be stopped and started again on the same port.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Program = "/usr/sbin/mosquitto";

    private Process? _process;

    private MosquittoBroker(string dir, int port)
    {
        Dir = dir;
        Port = port;
    }

    public string Dir { get; }

    public int Port { get; }

    public string ConfigFile => Path.Combine(Dir, "mosquitto.conf");

    public string LogFile => Path.Combine(Dir, "mosquitto.log");

    public static async Task<MosquittoBroker> StartAsync(MosquittoSetup? setup = null, string? dir = null)
    {
        setup ??= new MosquittoSetup();
        dir ??= Directory.CreateTempSubdirectory("pichassis-mosquitto-").FullName;
        var broker = new MosquittoBroker(dir, FreePort.Next());
        await broker.WriteConfigAsync(setup);
        await broker.StartAsync();
        return broker;
    }

    /// <summary>A Mosquitto on a config of the test's own, written for the port and directory it is given.</summary>
    public static async Task<MosquittoBroker> StartWithConfigAsync(Func<int, string, string> config, IReadOnlyDictionary<string, string> users)
    {
        ArgumentNullException.ThrowIfNull(config);
        var broker = new MosquittoBroker(Directory.CreateTempSubdirectory("pichassis-mosquitto-").FullName, FreePort.Next());
        await broker.WritePasswordsAsync(users);
        await File.WriteAllTextAsync(broker.ConfigFile, config(broker.Port, broker.Dir));
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ConfigFile);
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        if (!await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(10)))
        {
            var why = _process.HasExited ? await _process.StandardError.ReadToEndAsync() : "no answer";
            throw new InvalidOperationException($"mosquitto does not listen on {Port}: {why}");
        }
    }

    /// <summary>Stops Mosquitto the way a service stop does (SIGTERM): it saves its persistence and sends no wills.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Freezes Mosquitto (SIGSTOP): its connections stay open and nothing is answered, as a broker host that hangs.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>Lets a frozen Mosquitto go on (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(Dir, recursive: true);
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("mosquitto was not started");
        await ProcessRunner.RunAsync("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
    }

    private async Task<string> WritePasswordsAsync(IReadOnlyDictionary<string, string> users)
    {
        var passwords = Path.Combine(Dir, "passwd");
        foreach (var (user, password) in users)
        {
            var create = File.Exists(passwords) ? Array.Empty<string>() : ["-c"];
            await ProcessRunner.RunAsync("mosquitto_passwd", [.. create, "-b", passwords, user, password], TimeSpan.FromSeconds(10));
        }

        return passwords;
    }

    private async Task WriteConfigAsync(MosquittoSetup setup)
    {
        var config = new StringBuilder()
            .AppendLine("user root")
            .AppendLine($"listener {Port} 127.0.0.1")
            .AppendLine($"allow_anonymous {(setup.AllowAnonymous ? "true" : "false")}")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine($"log_dest file {LogFile}")
            .AppendLine($"persistence {(setup.Persistence ? "true" : "false")}")
            .AppendLine($"persistence_location {Dir}/");
        if (!setup.AllowAnonymous)
        {
            config.AppendLine($"password_file {await WritePasswordsAsync(setup.Users)}");
        }

        if (setup.Tls is { } tls)
        {
            config.AppendLine($"cafile {tls.CaFile}").AppendLine($"certfile {tls.CertFile}").AppendLine($"keyfile {tls.KeyFile}");
        }

        await File.WriteAllTextAsync(ConfigFile, config.ToString());
    }
}
