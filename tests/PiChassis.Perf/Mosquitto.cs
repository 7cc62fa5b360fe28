using System.Diagnostics;
using System.Globalization;

namespace PiChassis.Perf;

/// <summary>
/// A Mosquitto on a free loopback port with a throwaway config (no persistence, <c>$SYS</c> every
/// second so its message counters can be read over a window, TCP_NODELAY on as the example config
/// ships it: without it QoS 1 round trips gain ~44 ms); killed when disposed.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    public const string Program = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly string _dir;

    private Mosquitto(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static bool IsInstalled => File.Exists(Program);

    public static async Task<Mosquitto> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("pichassis-perf-mosquitto-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(dir, "mosquitto.conf");
        await File.WriteAllLinesAsync(config,
        [
            "user root",
            string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1"),
            "allow_anonymous true",
            "set_tcp_nodelay true",
            "persistence false",
            "sys_interval 1",
            "max_queued_messages 10000",
            $"log_dest file {Path.Combine(dir, "mosquitto.log")}",
        ]);
        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        var broker = new Mosquitto(process, dir, port);
        if (!await FreePort.WaitListeningAsync(port, TimeSpan.FromSeconds(10)))
        {
            await broker.DisposeAsync();
            throw new InvalidOperationException($"mosquitto does not listen on {port}");
        }

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
