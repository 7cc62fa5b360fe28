using System.Net;
using System.Net.Sockets;

namespace PiChassis.TestHost;

/// <summary>Loopback ports for the brokers a test or a benchmark starts, so it never meets another run's broker on 1883.</summary>
public static class FreePort
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>A loopback TCP port nobody listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>; false when <paramref name="patience"/> ran out.</summary>
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
