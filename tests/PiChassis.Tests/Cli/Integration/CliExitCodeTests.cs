using PiChassis.Tests.Cli.Support;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Cli.Integration;

/// <summary>Each failing exit code, produced by the situation it stands for.</summary>
public sealed class CliExitCodeTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    [Theory]
    [InlineData("power", "on", "node99")]
    [InlineData("status", "node[01-02],ghost")]
    public async Task UnknownNode_Exit2(params string[] args)
    {
        var result = await CliRunner.RunAsync(rig.Port, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("pichassis: unknown node '", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("power", "sideways", "node01")]
    [InlineData("power", "on", "node[01-")]
    [InlineData("frobnicate")]
    [InlineData("power", "on", "node01", "--wait", "forever")]
    [InlineData("power", "on", "slot:1", "--timeout", "0")]
    [InlineData("capacity", "2", "--at", "tomorrow")]
    [InlineData("capacity", "2", "--until", "2030-01-01T00:00:00Z")]
    [InlineData("capacity", "--list", "--cancel", "4f2a")]
    [InlineData("capacity", "--cancel", "4f2a", "--at", "2030-01-01T00:00:00Z")]
    [InlineData("capacity")]
    public async Task UsageError_Exit2WithOneLine(params string[] args)
    {
        var result = await CliRunner.RunAsync(rig.Port, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("pichassis: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokerDown_Exit3()
    {
        var result = await CliRunner.RunAsync(FreePort.Next(), "status");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot connect to the MQTT broker at 127.0.0.1:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_Exit3()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoSetup { Users = new Dictionary<string, string> { ["ops"] = "right" } });

        var wrong = await CliRunner.RunAsync(broker.Port, "status", "--user", "ops", "--password", "wrong");
        var right = await CliRunner.RunAsync(broker.Port, "--user", "ops", "--password", "right", "status");

        Assert.Equal(3, wrong.ExitCode);
        Assert.Equal(4, right.ExitCode);
    }

    [Fact]
    public async Task NoControllerOnBroker_Exit4()
    {
        await using var broker = await MosquittoBroker.StartAsync();

        var result = await CliRunner.RunAsync(broker.Port, "power", "on", "node01");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("no PiChassis controller", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControllerStopped_RetainedOffline_Exit4()
    {
        var gone = await HostedController.StartAsync(rig.Port, settings: new Dictionary<string, string?> { ["Chassis:Id"] = "gone", ["Chassis:SlotCount"] = "1", ["Chassis:Slots:0:Slot"] = "1", ["Chassis:Slots:0:Node"] = "gone01" });
        await using var watcher = await TestMqttClient.ConnectAsync(rig.Port, null, "pichassis/gone/status");
        Assert.NotNull(await watcher.WaitForAsync("pichassis/gone/status", p => p == "online", BrokerAndController.Patience));
        await gone.DisposeAsync();
        Assert.NotNull(await watcher.WaitForAsync("pichassis/gone/status", p => p == "offline", BrokerAndController.Patience));

        var byNode = await CliRunner.RunAsync(rig.Port, "power", "on", "gone01");
        var all = await CliRunner.RunAsync(rig.Port, "status", "--json");

        Assert.Equal(4, byNode.ExitCode);
        Assert.Contains("chassis gone is offline", byNode.Error, StringComparison.Ordinal);
        Assert.Equal(4, all.ExitCode);
        Assert.Contains("node01", all.Output, StringComparison.Ordinal);
    }
}
