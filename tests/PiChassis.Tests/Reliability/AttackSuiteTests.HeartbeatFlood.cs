using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Reliability;

public sealed partial class AttackSuiteTests
{
    /// <summary>Short, so that a node starved of its beats for the flood's length would be restarted within it.</summary>
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan HeartbeatFloodLength = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Finding 2. All four slots are on and watched except slot 1; node02 and node03 beat once a second
    /// as real agents (the simulator's beats go out as the chassis account, which the shipped ACL
    /// refuses), node04 stays silent. Once the watchdog has restarted node04 (the control: the timeout
    /// bites), node01 floods its own heartbeat topic as fast as it can for longer than the timeout: the
    /// watchdog must not restart node02 or node03.
    /// </summary>
    [Fact]
    public async Task HeartbeatFlood_OneNodeFloodsItsOwnTopic_OtherNodesStillHeard()
    {
        await using var rig = await AttackRig.StartBrokerAsync(["node01", "node02", "node03"], ["node01", "node02", "node03", "node04"]);
        using var stopAgents = new CancellationTokenSource();
        var agents = new[] { "node02", "node03" }.Select(n => Task.Run(() => BeatAsync(rig, n, stopAgents.Token))).ToArray();
        await rig.StartControllerAsync(new Dictionary<string, string?>
        {
            ["Watchdog:Slots:0"] = "2",
            ["Watchdog:Slots:1"] = "3",
            ["Watchdog:Slots:2"] = "4",
            ["Watchdog:HeartbeatTimeout"] = HeartbeatTimeout.ToString("c", CultureInfo.InvariantCulture),
        });
        var silentRestarted = await WaitUntilAsync(() => rig.Events().Any(e => e.Type == EventTypes.WatchdogAction && e.Slot == 4), HeartbeatTimeout + AttackRig.Patience);
        Assert.True(silentRestarted, "the watchdog did not restart silent node04: it is not watching");
        var before = rig.Controller.Journal.LastSeq;
        Assert.DoesNotContain(rig.Events(), e => e.Type == EventTypes.WatchdogAction && e.Slot is 2 or 3);

        var (sent, took) = await FloodHeartbeatsAsync(rig, "node01", HeartbeatFloodLength);
        await rig.SettleAsync();
        var restarted = rig.Controller.Journal.Read(before, int.MaxValue).Count(e => e.Type == EventTypes.WatchdogAction && e.Slot is 2 or 3);
        var heard = await rig.Controller.Loop.RunAsync(e => e.IsBeating(2, HeartbeatTimeout) && e.IsBeating(3, HeartbeatTimeout));
        await stopAgents.CancelAsync();
        await Task.WhenAll(agents);

        Row("heartbeat flood: messages sent", sent);
        Row("heartbeat flood: messages a second", sent / took.TotalSeconds);
        Row("heartbeat flood: healthy nodes restarted", restarted);
        Row("heartbeat flood: control node restarted", 1);
        Assert.True(took >= HeartbeatTimeout, $"the flood lasted {took.TotalSeconds:F1} s, shorter than the heartbeat timeout");
        Assert.Equal(0, restarted);
        Assert.True(heard, "node02 or node03 was not heard within the heartbeat timeout after the flood");
    }

    /// <summary>A node agent's heartbeat, once a second (the controller reads a node's beats at 1 a second), until stopped.</summary>
    private static async Task BeatAsync(AttackRig rig, string node, CancellationToken stop)
    {
        await using var agent = await rig.ConnectAsync(node);
        var up = Stopwatch.StartNew();
        using var period = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            await agent.PublishAsync($"pichassis/nodes/{node}/heartbeat", Uptime(up.Elapsed.TotalSeconds + 100));
        }
        while (await WaitTickAsync(period, stop));
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer period, CancellationToken stop)
    {
        try
        {
            return await period.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>QoS 0 heartbeats back to back, as fast as the client sends, on the node's own topic; how many, and for how long.</summary>
    private static async Task<(long Sent, TimeSpan Took)> FloodHeartbeatsAsync(AttackRig rig, string node, TimeSpan length)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"flood-{node}-{Guid.NewGuid():N}")
            .WithCredentials(node, AttackRig.Password(node)).Build());
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        var beat = new MqttApplicationMessageBuilder().WithTopic($"pichassis/nodes/{node}/heartbeat").WithPayload(Uptime(100)).Build();
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < length)
        {
            await client.PublishAsync(beat);
            sent++;
        }

        var took = clock.Elapsed;
        await client.DisconnectAsync(new MqttClientDisconnectOptions());
        return (sent, took);
    }
}
