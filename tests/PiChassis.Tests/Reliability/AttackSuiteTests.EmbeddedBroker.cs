using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.Controller.Storage;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Reliability;

public sealed partial class AttackSuiteTests
{
    private const int BigPublishBytes = 1024 * 1024;

    /// <summary>
    /// Publishes whose memory is averaged: one megabyte is within the RSS's own ups and downs as the
    /// collector runs (2-5 MB measured here), and each read buffer lands on the large object heap,
    /// collected only now and then; thirty kept ones would stand out, thirty transient ones do not.
    /// </summary>
    private const int BigPublishes = 30;

    /// <summary>
    /// Finding 4. A controller process on its embedded broker gets 1 MB publishes on its own request
    /// topic, each from a new connection: each sender is disconnected, nothing is delivered, the
    /// controller still answers, and its resident memory does not keep the megabytes. On a network
    /// address without accounts it does not start.
    /// </summary>
    [Fact]
    public async Task EmbeddedBroker_OneMegabytePublishes_SendersDisconnectedAndNotKept_NetworkAddressWithoutAccountsExits2()
    {
        using var dir = new TempDataDir();
        var port = FreePort.Next();
        using var controller = ControllerProcess.Start(FloodAttackTests.ShippedGc, "--simulate", "--slots", "2", "--data-dir", dir.Path, "--ConsoleView:Enabled=false",
            "--mqtt-port", port.ToString(CultureInfo.InvariantCulture));
        Assert.True(await FreePort.WaitListeningAsync(port, AttackRig.Patience), controller.Output);
        await using var observer = await TestMqttClient.ConnectAsync(port, null, "pichassis/sim/status", "pichassis/sim/request/#", "pichassis/clients/observer/#");
        Assert.True(await observer.WaitForAsync("pichassis/sim/status", p => p == "online", AttackRig.Patience) is not null, controller.Output);

        // The first refusal compiles the refusal path: that memory is not the publish's.
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, await PublishTooLargeAsync(port));
        Assert.NotNull(await StatusAsync(observer));
        var before = FloodAttackTests.RssKb(controller.Id);
        var reasons = new List<MqttClientDisconnectReason>();
        for (var i = 0; i < BigPublishes; i++)
        {
            reasons.Add(await PublishTooLargeAsync(port));
        }

        // Answered after the last big publish was read: anything they set off has happened.
        var after = await StatusAsync(observer);
        var growthMb = (FloodAttackTests.RssKb(controller.Id) - before) / 1024.0 / BigPublishes;
        var bigDelivered = observer.Messages().Count(m => m.Payload.Length >= BigPublishBytes);

        using var exposedDir = new TempDataDir();
        using var exposed = ControllerProcess.Start("--simulate", "--data-dir", exposedDir.Path, "--mqtt-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Mqtt:EmbeddedAddress=0.0.0.0", "--ConsoleView:Enabled=false");
        var exposedExit = await exposed.WaitForExitAsync(AttackRig.Patience);

        Row("embedded: 1 MB publishes delivered", bigDelivered);
        Row("embedded: RSS growth per 1 MB publish (MB)", growthMb, "F1");
        Row("embedded: exit code, 0.0.0.0 no accounts", exposedExit);
        Assert.All(reasons, r => Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, r));
        Assert.NotNull(after);
        Assert.Equal(0, bigDelivered);
        Assert.True(growthMb < BigPublishBytes / 1024.0 / 1024.0, $"the controller's RSS grew by {growthMb:F1} MB per 1 MB publish");
        Assert.Equal(2, exposedExit);
        Assert.Contains("Mqtt:EmbeddedAccountsFile", exposed.Output, StringComparison.Ordinal);
    }

    private static async Task<string?> StatusAsync(TestMqttClient client)
    {
        var reply = $"pichassis/clients/observer/{Guid.NewGuid():N}";
        await client.PublishAsync("pichassis/sim/request/status", $$"""{"id":"{{Guid.NewGuid():N}}","targets":"all"}""", responseTopic: reply);
        var answer = await client.WaitForAsync(reply, _ => true, AttackRig.Patience);
        return answer is null ? null : TestMqttClient.Text(answer);
    }

    /// <summary>Publishes <see cref="BigPublishBytes"/> on the controller's request topic from a new connection; why the broker disconnected it.</summary>
    private static async Task<MqttClientDisconnectReason> PublishTooLargeAsync(int port)
    {
        using var sender = new MqttClientFactory().CreateMqttClient();
        var disconnected = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult(e.Reason);
            return Task.CompletedTask;
        };
        await sender.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"big-{Guid.NewGuid():N}").Build());
        _ = sender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/sim/request/status").WithPayload(new byte[BigPublishBytes])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return await disconnected.Task.WaitAsync(AttackRig.Patience);
    }
}
