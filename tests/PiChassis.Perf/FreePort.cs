using System.Net;
using System.Net.Sockets;

namespace PiChassis.Perf;

/// <summary>Loopback ports for the brokers the benchmarks start, so they never meet a broker of another run on 1883.</summary>
public static class FreePort
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> WaitListeningAsync(int port, TimeSpan patience)
    {
        using var limit = new CancellationTokenSource(patience);
        while (!limit.IsCancellationRequested)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, limit.Token);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(Poll, TimeProvider.System, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return false;
    }
}
