using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// The broker (a real Mosquitto) stopped several times while slots are switched and shorted:
/// protection trips without it, the journal keeps every event, the controller is back within 5 s
/// of the broker, and a subscriber that fetches its gaps through <c>request/events</c> has every
/// event in seq order.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Outages_ShortsAndCommandsWhileAway_TripsJournalsReconnectsAndLosesNoEvent()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoSetup { Persistence = true });
        await using var controller = await HostedController.StartAsync(broker.Port);
        await using var observer = await TestMqttClient.ConnectAsync(broker.Port, "outage-observer", "pichassis/sim/event", "pichassis/sim/response/events", "pichassis/sim/status");
        Assert.NotNull(await observer.WaitForAsync("pichassis/sim/status", p => p == "online", Patience));
        var firstSeq = controller.Journal.LastSeq + 1;
        var slowest = TimeSpan.Zero;
        var trips = 0;
        for (var outage = 0; outage < ReliabilitySettings.Outages; outage++)
        {
            var slot = outage % 4 + 1;
            await PowerOnAsync(controller, slot);
            var connects = controller.Logged(MqttConnection.ConnectedEventId);
            await broker.StopAsync();
            await WaitUntilAsync(() => controller.Logged(MqttConnection.DisconnectedEventId) > outage, "the controller to notice the outage");
            controller.Chassis.Slot(slot).InjectShort(6);
            await controller.Loop.ExecuteAsync(new SlotCommand(slot % 4 + 1, SlotAction.Identify, CommandOrigin.Remote, "outage"));
            await Task.Delay(ReliabilitySettings.OutageLength);
            Assert.Equal(FaultCodes.Overcurrent, (await controller.StateAsync(slot)).Fault?.Code);
            Assert.False(controller.Chassis.Slot(slot).RelayInputClosed);
            trips++;

            await broker.StartAsync();
            var back = Stopwatch.StartNew();
            await WaitUntilAsync(() => controller.Logged(MqttConnection.ConnectedEventId) > connects, "the controller to reconnect");
            slowest = back.Elapsed > slowest ? back.Elapsed : slowest;
            await observer.ReconnectAsync(Patience);
            controller.Chassis.Slot(slot).ClearShort();
        }

        var lastSeq = controller.Journal.LastSeq;
        Assert.NotNull(await observer.WaitForAsync(m => m.Topic == "pichassis/sim/event" && Seq(m) >= lastSeq, TimeSpan.FromSeconds(10)));
        var arrivals = observer.Json("pichassis/sim/event").Select(e => (long)e["seq"]!).Where(s => s >= firstSeq).ToList();

        // QoS 1 is at-least-once: a broker restarted with persistence redelivers what it had not seen acknowledged, so a
        // subscriber keys on seq and keeps the first arrival of each.
        var delivered = arrivals.Distinct().ToList();
        var received = await FetchGapsAsync(observer, delivered, firstSeq, lastSeq);
        var journalled = controller.Journal.Read(firstSeq - 1, int.MaxValue).Select(e => e.Seq).ToList();
        var lost = LongRange(firstSeq, lastSeq).Count(s => !received.Contains(s));

        ReliabilitySummary.Add(output, "broker outage", $"outages ({ReliabilitySettings.OutageLength.TotalSeconds:F0} s each)", ReliabilitySettings.Outages);
        ReliabilitySummary.Add(output, "broker outage", "trips while the broker was away", trips);
        ReliabilitySummary.Add(output, "broker outage", "slowest reconnect after the broker (s)", slowest.TotalSeconds, "F2");
        ReliabilitySummary.Add(output, "broker outage", "events raised", lastSeq - firstSeq + 1);
        ReliabilitySummary.Add(output, "broker outage", "events delivered live", delivered.Count);
        ReliabilitySummary.Add(output, "broker outage", "redelivered duplicates (QoS 1)", arrivals.Count - delivered.Count);
        ReliabilitySummary.Add(output, "broker outage", "events fetched through request/events", received.Count - delivered.Count);
        ReliabilitySummary.Add(output, "broker outage", "events lost", lost);
        Assert.Equal(LongRange(firstSeq, lastSeq), journalled);
        Assert.Equal(delivered.Order(), delivered);
        Assert.Equal(0, lost);
        Assert.True(slowest < ReconnectLimit, $"reconnect took {slowest.TotalSeconds:F1} s");
        Assert.Equal(ReliabilitySettings.Outages, controller.Journal.Read(firstSeq - 1, int.MaxValue).Count(e => e.Type == EventTypes.FaultTrip));
    }

    /// <summary>What a client does about a gap in seq: asks for the events after the last one it has.</summary>
    private static async Task<HashSet<long>> FetchGapsAsync(TestMqttClient observer, IReadOnlyList<long> delivered, long firstSeq, long lastSeq)
    {
        var have = delivered.ToHashSet();
        for (var missing = FirstMissing(have, firstSeq, lastSeq); missing is { } since; missing = FirstMissing(have, since + 1, lastSeq))
        {
            var id = $"gap-{since.ToString(CultureInfo.InvariantCulture)}";
            await observer.PublishAsync("pichassis/sim/request/events", $$"""{"id":"{{id}}","since_seq":{{since - 1}},"limit":1000}""");
            var response = await observer.WaitForAsync("pichassis/sim/response/events", p => p.Contains(id, StringComparison.Ordinal), Patience);
            Assert.NotNull(response);
            foreach (var e in (JsonNode.Parse(TestMqttClient.Text(response))!["events"] as JsonArray)!)
            {
                have.Add((long)e!["seq"]!);
            }
        }

        return have;
    }

    private static long? FirstMissing(HashSet<long> have, long from, long to) =>
        LongRange(from, to).Cast<long?>().FirstOrDefault(s => !have.Contains(s!.Value));

    private static IEnumerable<long> LongRange(long from, long to)
    {
        for (var s = from; s <= to; s++)
        {
            yield return s;
        }
    }

    private static long Seq(MQTTnet.MqttApplicationMessage m) => (long)JsonNode.Parse(TestMqttClient.Text(m))!["seq"]!;

    private static async Task PowerOnAsync(HostedController controller, int slot)
    {
        await controller.Loop.ExecuteAsync(new SlotCommand(slot, SlotAction.ClearFault, CommandOrigin.Remote, "outage"));
        await controller.Loop.ExecuteAsync(new SlotCommand(slot, SlotAction.On, CommandOrigin.Remote, "outage"));
        await WaitUntilAsync(() => controller.Chassis.Slot(slot).RelayInputClosed, $"slot {slot} on");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"timed out waiting for {what}");
    }
}
