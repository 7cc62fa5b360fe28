using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
}
