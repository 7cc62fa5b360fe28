using System.Net.Sockets;
using System.Text;

namespace PiChassis.Controller.Systemd;

/// <summary>
/// A minimal sd_notify(3) client: each state ("READY=1", "WATCHDOG=1", "STOPPING=1") is one datagram
/// to the service manager's Unix socket. A leading '@' names a socket in the abstract namespace.
/// Without libsystemd, so it works the same in trimmed and Native AOT builds. Thread-safe.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;

    /// <param name="notifySocket">The value of <c>NOTIFY_SOCKET</c>; null or empty: every notification is a no-op.</param>
    public SystemdNotifier(string? notifySocket)
    {
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        _endPoint = new UnixDomainSocketEndPoint(notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>True when there is a service manager to notify.</summary>
    public bool IsEnabled => _socket is not null;

    /// <summary>Sends one state message; false when disabled or when the socket refused it (the manager went away).</summary>
    public bool Notify(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        if (_socket is null || _endPoint is null)
        {
            return false;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endPoint);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
