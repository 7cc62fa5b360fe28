using System.Net;
using Microsoft.AspNetCore.Connections;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Open connections per client address on the Redfish listener, at most <see cref="MaxPerClient"/>: a
/// connection beyond is closed at once. Without it one client, signed in or not, could hold the server's
/// 128 connections with half-sent requests and keep every other client (MAAS, Prometheus) out. Bounded:
/// an address is kept only while it has connections open.
/// </summary>
public sealed class ClientConnections
{
    /// <summary>A quarter of the server's connections.</summary>
    public const int MaxPerClient = 32;

    private readonly Dictionary<IPAddress, int> _open = [];
    private readonly Lock _lock = new();

    /// <summary>The Kestrel connection middleware that counts and refuses.</summary>
    public ConnectionDelegate Limit(ConnectionDelegate next) => async connection =>
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address.MapToIPv6() ?? IPAddress.IPv6None;
        if (!TryEnter(address))
        {
            return; // returning without the next delegate closes the connection
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave(address);
        }
    };

    private bool TryEnter(IPAddress address)
    {
        lock (_lock)
        {
            var open = _open.GetValueOrDefault(address);
            if (open >= MaxPerClient)
            {
                return false;
            }

            _open[address] = open + 1;
            return true;
        }
    }

    private void Leave(IPAddress address)
    {
        lock (_lock)
        {
            if (--_open[address] == 0)
            {
                _open.Remove(address);
            }
        }
    }
}
