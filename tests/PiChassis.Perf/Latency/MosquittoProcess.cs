using System.Diagnostics;

namespace PiChassis.Perf.Latency;

/// <summary>
/// A real Mosquitto on a free loopback port with a throwaway config (TCP_NODELAY on, as the
/// example config ships it; without it QoS 1 round trips gain ~44 ms), killed when disposed.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"];

    private readonly Process _process;
    private readonly string _dir;

    private MosquittoProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The mosquitto binary, or null when it is not installed.</summary>
    public static string? Program => Candidates.FirstOrDefault(File.Exists);

    public static async Task<MosquittoProcess> StartAsync(string program)
    {
        var dir = Directory.CreateTempSubdirectory("pichassis-latency-mosquitto-").FullName;
        var port = FreeLoopbackPort.Next();
        var config = Path.Combine(dir, "mosquitto.conf");
        await File.WriteAllLinesAsync(config,
        [
            $"listener {port} 127.0.0.1",
            "allow_anonymous true",
            "set_tcp_nodelay true",
            "persistence false",
            "log_dest none",
        ]);
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        var broker = new MosquittoProcess(process, dir, port);
        if (!await FreeLoopbackPort.WaitListeningAsync(port, TimeSpan.FromSeconds(10)))
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
