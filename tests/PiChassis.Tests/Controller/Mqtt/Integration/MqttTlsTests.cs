using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>A Mosquitto that speaks only TLS, with a certificate from a CA made by openssl for the test.</summary>
public sealed class MqttTlsTests : IAsyncLifetime
{
    private string _dir = null!;
    private TlsFiles _tls = null!;
    private TlsFiles _stranger = null!;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("pichassis-tls-").FullName;
        _tls = await TlsFiles.CreateAsync(_dir);
        _stranger = await TlsFiles.CreateAsync(_dir, "stranger");
        _broker = await MosquittoBroker.StartAsync(new MosquittoSetup { Tls = _tls });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Tls_ControllerTrustingTheCa_ComesOnline_ClientsThatDoNotTrustItFail()
    {
        await using var controller = await HostedController.StartAsync(_broker.Port, "localhost", new Dictionary<string, string?> { ["Mqtt:CaFile"] = _tls.CaFile });

        var trusting = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 15, extra: ["--cafile", _tls.CaFile]);
        var system = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 3, extra: ["--capath", "/etc/ssl/certs"]);
        var stranger = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 3, extra: ["--cafile", _stranger.CaFile]);
        var plain = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 3);

        Assert.Equal(["pichassis/sim/status online"], trusting.Lines);
        Assert.Empty(system.Lines);
        Assert.NotEqual(0, system.ExitCode);
        Assert.Empty(stranger.Lines);
        Assert.NotEqual(0, stranger.ExitCode);
        Assert.Empty(plain.Lines);
    }

    [Fact]
    public async Task Tls_ControllerWithAnotherCa_DoesNotConnect()
    {
        await using var controller = await HostedController.StartAsync(_broker.Port, "localhost", new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "distrust",
            ["Mqtt:CaFile"] = _stranger.CaFile,
        });

        for (var i = 0; i < 100 && controller.Logged(MqttConnection.ConnectFailedEventId) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(controller.Logged(MqttConnection.ConnectFailedEventId) > 0);
        Assert.Equal(0, controller.Logged(MqttConnection.ConnectedEventId));
        var status = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/distrust/#"], 1, waitS: 2, extra: ["--cafile", _tls.CaFile]);
        Assert.Empty(status.Lines);
    }
}
