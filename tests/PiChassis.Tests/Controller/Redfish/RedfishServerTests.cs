using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PiChassis.Controller.Redfish;
using PiChassis.TestHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>The service's place in the controller: a port it cannot have costs Redfish, never the controller.</summary>
public sealed class RedfishServerTests
{
    [Fact]
    public async Task Start_PortTaken_ControllerRunsWithoutRedfish()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var controller = await HostedController.StartAsync(new Dictionary<string, string?>
        {
            ["Redfish:Enabled"] = "true",
            ["Redfish:Port"] = port.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Null(controller.RedfishBaseUri);
        Assert.Equal(1, (await controller.StateAsync(1)).Slot);
    }

    [Fact]
    public async Task Start_Disabled_NothingListens()
    {
        await using var controller = await HostedController.StartAsync(new Dictionary<string, string?> { ["Redfish:Enabled"] = "false" });

        Assert.Null(controller.RedfishBaseUri);
    }

    [Fact]
    public async Task Connections_OneAddressHoldingItsShare_RefusedBeyondWhileAnotherAddressIsServed()
    {
        await using var host = await RedfishHost.StartAsync();
        var held = new List<Socket>();
        try
        {
            // One client holds its share of connections open (a slowloris does it without ever signing in).
            for (var i = 0; i < ClientConnections.MaxPerClient; i++)
            {
                held.Add(await ConnectAsync(IPAddress.Loopback, host.BaseUri.Port));
                Assert.StartsWith("HTTP/1.1 200", await RequestAsync(held[^1], keepAlive: true), StringComparison.Ordinal);
            }

            using var beyond = await ConnectAsync(IPAddress.Loopback, host.BaseUri.Port);
            using var other = await ConnectAsync(IPAddress.Parse("127.0.0.2"), host.BaseUri.Port);

            Assert.Equal("", await RequestAsync(beyond, keepAlive: false));
            Assert.StartsWith("HTTP/1.1 200", await RequestAsync(other, keepAlive: false), StringComparison.Ordinal);
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    private static async Task<Socket> ConnectAsync(IPAddress from, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>The start of the answer to a GET of the service root; "" when the server closed the connection instead.</summary>
    private static async Task<string> RequestAsync(Socket socket, bool keepAlive)
    {
        var request = $"GET /redfish/v1 HTTP/1.1\r\nHost: x\r\n{(keepAlive ? "" : "Connection: close\r\n")}\r\n";
        var buffer = new byte[4096];
        try
        {
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(request));
            var read = await socket.ReceiveAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return "";
        }
    }
}
