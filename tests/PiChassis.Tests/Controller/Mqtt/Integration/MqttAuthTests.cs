using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>A Mosquitto with a password file and no anonymous access.</summary>
public sealed class MqttAuthTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() =>
        _broker = await MosquittoBroker.StartAsync(new MosquittoSetup
        {
            Users = new Dictionary<string, string> { ["controller"] = "c-secret", ["scheduler"] = "s-secret" },
        });

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Credentials_AnonymousAndWrongPasswordRefused_RightPasswordWorks()
    {
        await using var controller = await HostedController.StartAsync(_broker.Port, settings: new Dictionary<string, string?>
        {
            ["Mqtt:Username"] = "controller",
            ["Mqtt:Password"] = "c-secret",
        });

        var right = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 15, extra: ["-u", "scheduler", "-P", "s-secret"]);
        var anonymous = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 3);
        var wrong = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/sim/status"], 1, waitS: 3, extra: ["-u", "scheduler", "-P", "guess"]);

        Assert.Equal(["pichassis/sim/status online"], right.Lines);
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("not author", anonymous.Error, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("not author", wrong.Error, StringComparison.OrdinalIgnoreCase);
        var response = await MosquittoClients.RequestAsync(_broker.Port, "pichassis/sim/request/status", """{"id":"auth-1","targets":"slot:1"}""",
            extra: ["-u", "scheduler", "-P", "s-secret"]);
        Assert.Contains("\"status\":\"ok\"", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controller_WrongPassword_RefusedButProtectionRuns()
    {
        await using var controller = await HostedController.StartAsync(_broker.Port, settings: new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "locked-out",
            ["Mqtt:Username"] = "controller",
            ["Mqtt:Password"] = "not-the-password",
        });

        for (var i = 0; i < 100 && controller.Logged(MqttConnection.RefusedEventId) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(controller.Logged(MqttConnection.RefusedEventId) > 0);
        var status = await MosquittoClients.SubscribeAsync(_broker.Port, ["pichassis/locked-out/#"], 1, waitS: 2, extra: ["-u", "scheduler", "-P", "s-secret"]);
        Assert.Empty(status.Lines);
        controller.Chassis.Slot(2).InjectShort(6);
        for (var i = 0; i < 100 && (await controller.StateAsync(2)).Fault is null; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal("overcurrent", (await controller.StateAsync(2)).Fault?.Code);
        Assert.False(controller.Chassis.Slot(2).RelayInputClosed);
    }
}
