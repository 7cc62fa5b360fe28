using System.Net;
using System.Net.Sockets;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>The controller's own broker (no Mqtt:Host), here with credentials, reached by the stock clients.</summary>
public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task EmbeddedBroker_WithCredentials_ServesTheContract()
    {
        var port = FreePort.Next();
        await using var controller = await HostedController.StartAsync(port, host: null, new Dictionary<string, string?>
        {
            ["Mqtt:Username"] = "pichassis",
            ["Mqtt:Password"] = "embedded",
        });
        string[] login = ["-u", "pichassis", "-P", "embedded"];

        var status = await MosquittoClients.SubscribeAsync(port, ["pichassis/sim/status"], 1, waitS: 15, extra: login);
        var v311 = await MosquittoClients.SubscribeAsync(port, ["pichassis/sim/info"], 1, waitS: 15, version: "311", extra: [.. login, "-i", "dashboard-1"]);
        var wrong = await MosquittoClients.SubscribeAsync(port, ["pichassis/sim/status"], 1, waitS: 3, extra: ["-u", "pichassis", "-P", "guess"]);
        var response = await MosquittoClients.RequestAsync(port, "pichassis/sim/request/power",
            """{"id":"emb-1","targets":"slot:4","state":"force_off","wait":"relay"}""", extra: login);

        Assert.Equal(["pichassis/sim/status online"], status.Lines);
        Assert.Single(v311.Lines);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("\"status\":\"ok\"", response, StringComparison.Ordinal);
        Assert.False(controller.Chassis.Slot(4).RelayInputClosed);
    }

    [Fact]
    public async Task EmbeddedBroker_PortTaken_ControllerRunsWithoutMqttAndStillProtects()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var controller = await HostedController.StartAsync(port, host: null);

        Assert.True(controller.Logs.Has(412));
        Assert.True(controller.Logs.Has(413));
        controller.Chassis.Slot(1).InjectShort(6);
        for (var i = 0; i < 100 && (await controller.StateAsync(1)).Fault is null; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal("overcurrent", (await controller.StateAsync(1)).Fault?.Code);
        Assert.DoesNotContain(controller.Logs.Entries, e => e.Id.Id is 400 or 403);
    }
}
