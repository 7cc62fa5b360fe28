using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>
/// Another client keeps connecting under the controller's client id, as a second controller with the
/// same chassis id (a cloned SD card) would: the two must not throw each other out as fast as the
/// broker answers. Mosquitto closes the taken-over connection without saying why, so the controller
/// backs off whenever a connection is lost before it lasted one keep-alive.
/// </summary>
public sealed class MqttSessionTakeoverTests
{
    private static readonly TimeSpan Patience = BrokerAndController.Patience;

    [Fact]
    public async Task SessionTakenOverAgainAndAgain_ControllerBacksOffInsteadOfTradingItAtOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var controller = await HostedController.StartAsync(broker.Port, settings: new Dictionary<string, string?>
        {
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.500",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:04",
        });
        await using (var watcher = await TestMqttClient.ConnectAsync(broker.Port, null, "pichassis/sim/status"))
        {
            Assert.NotNull(await watcher.WaitForAsync("pichassis/sim/status", p => p == "online", Patience));
        }

        // The impostor takes the session back each time the controller takes it, for 10 s. Trading it
        // at once, the controller would throw the impostor out hundreds of times; backing off 0.5, 1,
        // 2, 4, 4 s (± a fifth), about five.
        var impostor = await TestMqttClient.ConnectAsync(broker.Port, "pichassis-sim");
        var thrownOut = 0;
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < end)
        {
            if (!impostor.IsConnected)
            {
                thrownOut++;
                await impostor.DisposeAsync();
                impostor = await TestMqttClient.ConnectAsync(broker.Port, "pichassis-sim");
            }

            await Task.Delay(20);
        }

        await impostor.DisposeAsync();
        Assert.InRange(thrownOut, 1, 10);
        Assert.True(controller.Logged(MqttConnection.LostEarlyEventId) >= thrownOut, "each early loss is logged with its likely cause");

        // Left alone, the controller is back.
        await using var after = await TestMqttClient.ConnectAsync(broker.Port, null, "pichassis/sim/status");
        Assert.NotNull(await after.WaitForAsync("pichassis/sim/status", p => p == "online", Patience));
    }
}
