using System.Net;
using System.Net.Sockets;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>The broker the controller brings along, on its own, with the stock Mosquitto clients.</summary>
public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task Start_DefaultAddress_ListensOnIpv4LoopbackOnly()
    {
        var port = FreePort.Next();
        using var broker = await StandaloneEmbeddedBroker.StartAsync(port);

        using var v4 = new TcpClient(AddressFamily.InterNetwork);
        await v4.ConnectAsync(IPAddress.Loopback, port);
        using var v6 = new TcpClient(AddressFamily.InterNetworkV6);
        var refused = await Record.ExceptionAsync(() => v6.ConnectAsync(IPAddress.IPv6Loopback, port));

        Assert.True(v4.Connected);
        Assert.IsType<SocketException>(refused, exactMatch: false);
    }

    [Fact]
    public async Task Connect_Mqtt5ClientWithoutId_GetsOneAssigned()
    {
        var port = FreePort.Next();
        using var broker = await StandaloneEmbeddedBroker.StartAsync(port);

        var published = await MosquittoClients.PublishAsync(port, "test/anonymous", "hello", version: "5");

        Assert.True(published.ExitCode == 0, published.Error);
    }
}
