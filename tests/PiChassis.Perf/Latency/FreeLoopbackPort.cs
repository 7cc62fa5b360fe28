using System.Net;
using System.Net.Sockets;

namespace PiChassis.Perf.Latency;

/// <summary>Loopback ports for the brokers the benchmarks start.</summary>
public static class FreeLoopbackPort
{
    /// <summary>A port nothing listens on now (the OS picks it; a race with another program is possible but rare).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>.</summary>
    public static async Task<bool> WaitListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(deadline) < timeout)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            }
        }

        return false;
    }
}
