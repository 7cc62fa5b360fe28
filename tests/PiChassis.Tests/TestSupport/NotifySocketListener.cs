using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Hosting.Systemd;

namespace PiChassis.Tests.TestSupport;

/// <summary>
/// Stands in for systemd's side of sd_notify: a Unix datagram socket (in a temp directory, or in the
/// abstract namespace) that collects the state messages a service sends to it.
/// </summary>
public sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _directory;

    private NotifySocketListener(string address, string? directory)
    {
        Address = address;
        _directory = directory;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address));
    }

    /// <summary>The value to put in NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public static NotifySocketListener InTempDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("pichassis-notify-").FullName;
        return new NotifySocketListener(Path.Combine(directory, "notify"), directory);
    }

    public static NotifySocketListener Abstract() => new($"@pichassis-test-{Guid.NewGuid():N}", null);

    /// <summary>
    /// The library's notifier, aimed at this listener rather than at the process's NOTIFY_SOCKET,
    /// which tests running side by side cannot each set.
    /// </summary>
    public ISystemdNotifier Notifier() => NewNotifier(Address[0] == '@' ? "\0" + Address[1..] : Address);

    /// <summary>Every message already waiting, without blocking: what was sent before this call.</summary>
    public IReadOnlyList<string> Pending()
    {
        var messages = new List<string>();
        while (_socket.Available > 0)
        {
            messages.Add(ReceiveOne());
        }

        return messages;
    }

    /// <summary>Waits for messages until one equals <paramref name="message"/>; returns everything received up to it.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(string message, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new List<string>();
        var buffer = new byte[4096];
        while (!received.Contains(message))
        {
            try
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                received.Add(Encoding.UTF8.GetString(buffer, 0, n));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return received;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // The constructor the library keeps for its own tests; it takes the path already decoded ('@' as '\0').
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern SystemdNotifier NewNotifier(string? socketPath);

    private string ReceiveOne()
    {
        var buffer = new byte[4096];
        var n = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
