using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>The broker goes away and comes back: protection never waited for it, and nothing raised meanwhile is lost.</summary>
public sealed class MqttBrokerRestartTests
{
    private static readonly TimeSpan Patience = BrokerAndController.Patience;

    [Fact]
    public async Task BrokerRestart_ShortTripsMeanwhile_ReconnectsRepublishesAndDeliversTheEventsInSeqOrder()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoSetup { Persistence = true });
        await using var controller = await HostedController.StartAsync(broker.Port);
        await using var observer = await TestMqttClient.ConnectAsync(broker.Port, "restart-observer", "pichassis/sim/event", "pichassis/sim/status");
        Assert.NotNull(await observer.WaitForAsync("pichassis/sim/status", p => p == "online", Patience));
        var seqBefore = controller.Journal.LastSeq;

        await broker.StopAsync();
        await WaitUntil(() => controller.Logged(MqttConnection.DisconnectedEventId) > 0);
        controller.Chassis.Slot(3).InjectShort(6);
        await WaitUntil(() => controller.Journal.Read(seqBefore, 100).Any(e => e.Type == "fault_trip"));
        var raisedWhileAway = controller.Journal.Read(seqBefore, 1000).Select(e => e.Seq).ToList();
        Assert.False(controller.Chassis.Slot(3).RelayInputClosed);
        Assert.Equal("overcurrent", (await controller.StateAsync(3)).Fault?.Code);

        observer.Clear();
        await broker.StartAsync();
        await observer.ReconnectAsync(Patience);
        var online = await observer.WaitForAsync("pichassis/sim/status", p => p == "online", Patience);
        var lastRaised = raisedWhileAway[^1];
        var caughtUp = await observer.WaitForAsync(m => m.Topic == "pichassis/sim/event" && (long)JsonNode.Parse(TestMqttClient.Text(m))!["seq"]! >= lastRaised, Patience);

        Assert.NotNull(online);
        Assert.NotNull(caughtUp);
        var delivered = observer.Json("pichassis/sim/event").Select(e => (long)e["seq"]!).ToList();
        Assert.Equal(delivered.Order(), delivered);
        Assert.Subset(delivered.ToHashSet(), raisedWhileAway.ToHashSet());
        Assert.Contains(observer.Json("pichassis/sim/event"), e => (string?)e["event_type"] == "fault_trip" && (int?)e["slot"] == 3);
        var state = await MosquittoClients.SubscribeAsync(broker.Port, ["pichassis/sim/slot/3/state"], 1);
        Assert.Equal("fault", (string?)JsonNode.Parse(state.Lines.Single().Split(' ', 2)[1])!["phase"]);
        Assert.Equal(2, controller.Logged(ChassisPublisher.OnlineEventId));
    }

    [Fact]
    public async Task Stop_BrokerHangs_PublishingCutAfterItsDrainTimeAndTheStopGoesOn()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var controller = await HostedController.StartAsync(broker.Port);
        var logs = controller.Logs;
        await using (var observer = await TestMqttClient.ConnectAsync(broker.Port, "hang-observer", "pichassis/sim/status"))
        {
            Assert.NotNull(await observer.WaitForAsync("pichassis/sim/status", p => p == "online", Patience));
        }

        await broker.FreezeAsync();
        try
        {
            // A slot state to publish at QoS 1, whose acknowledgement never comes, then the stop.
            Assert.True((await controller.Loop.ExecuteAsync(new SlotCommand(2, SlotAction.ForceOff, CommandOrigin.Remote, "test"))).Ok);
            await controller.DisposeAsync();
        }
        finally
        {
            await broker.ThawAsync();
        }

        Assert.Single(logs.GetSnapshot(), r => r.Id.Id == ChassisPublisher.DrainCutEventId);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
