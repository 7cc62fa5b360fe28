using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;
using PiChassis.TestHost;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// A group over two chassis of a fleet on a real Mosquitto: rack1 serves the autoscaler (played by the
/// Python gRPC client) for node01, node02 (its own) and node05, node06 (slots 1 and 2 of rack2). Scaling
/// past rack1's slots asks rack2's controller, whose simulator boots node05; deleting node05 halts it
/// there; a scale-up that rack2 refuses switches nothing on rack1 either; with rack2 stopped its node is
/// shown unreachable and not used.
/// </summary>
public sealed class FleetAutoscalerTests
{
    private const string Group = "workers";

    [Fact]
    public async Task RemoteSlot_ScaledUpDeletedAndUnreachable_ThroughItsOwnController()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var rack2 = await HostedController.StartAsync(broker.Port, settings: new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "rack2",
            ["Chassis:Slots:0:Slot"] = "1",
            ["Chassis:Slots:0:Node"] = "node05",
            ["Chassis:Slots:1:Slot"] = "2",
            ["Chassis:Slots:1:Node"] = "node06",
            ["Power:MinOffTime"] = "00:00:00",

            // node05's second boot within the hour is refused there: rack1 learns it only from the answer.
            ["Power:MaxCyclesPerHour"] = "1",
        });
        await using var rack1 = await HostedController.StartAsync(broker.Port, settings: new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "rack1",
            ["Power:MinOffTime"] = "00:00:00",
            ["Autoscaler:Enabled"] = "true",
            ["Autoscaler:Port"] = "0",
            ["Autoscaler:RemoteChassis:0"] = "rack2",
            ["Autoscaler:NodeGroups:0:Name"] = Group,
            ["Autoscaler:NodeGroups:0:Nodes"] = "node[01-02],node05,node06",
            ["Autoscaler:NodeGroups:0:MinSize"] = "0",
        });
        try
        {
            await PythonAutoscalerClient.AllOffAsync(rack1);
            await PythonAutoscalerClient.AllOffAsync(rack2);
            var remote = rack1.Services.GetRequiredService<RemoteSlots>();
            Assert.True(await Poll.UntilAsync(() => remote.IsReachable("rack2") && remote.Find("node05")?.Phase == SlotPhase.Off));

            var up = await PythonAutoscalerClient.RunAsync(rack1, $"increase:{Group}:3", $"wait:{Group}:running:3:120", $"target:{Group}");

            Assert.Equal([$"increase {Group} ok", $"wait {Group} running 3", $"target {Group} 3"], up.Lines);
            Assert.Equal(SlotPhase.On, (await rack2.StateAsync(1)).Phase);
            Assert.Contains(rack2.Journal.Read(0, 100_000), e => e.Slot == 1 && e.Source == NodeGroupActions.Source);

            var down = await PythonAutoscalerClient.RunAsync(rack1, $"delete:{Group}:node05");

            Assert.Equal([$"delete {Group} ok"], down.Lines);
            Assert.True(await Poll.UntilAsync(async () => (await rack2.StateAsync(1)).Phase == SlotPhase.Off));
            Assert.Equal(SlotPhase.On, (await rack1.StateAsync(1)).Phase);

            // node02 off, then two more asked: node02 here and node05, which rack2 refuses. All or none:
            // node02 stays off.
            Assert.True((await rack1.Loop.ExecuteAsync(new SlotCommand(2, SlotAction.ForceOff, CommandOrigin.Remote, "test"))).Ok);
            var refused = await PythonAutoscalerClient.RunAsync(rack1, $"increase:{Group}:2");

            Assert.StartsWith($"error UNAVAILABLE rate_limited", Assert.Single(refused.Lines), StringComparison.Ordinal);
            Assert.Equal(SlotPhase.Off, (await rack1.StateAsync(2)).Phase);
            Assert.Equal(SlotPhase.Off, (await rack2.StateAsync(1)).Phase);

            // node06 up outside the autoscaler, node02 locked: only rack2 could give a node.
            Assert.True((await rack2.Loop.ExecuteAsync(new SlotCommand(2, SlotAction.On, CommandOrigin.Remote, "test"))).Ok);
            Assert.True(await Poll.UntilAsync(() => remote.Find("node06")?.Phase is SlotPhase.Booting or SlotPhase.On));
            Assert.True((await rack1.Loop.ExecuteAsync(new SlotCommand(2, SlotAction.Lock, CommandOrigin.Remote, "test"))).Ok);
        }
        finally
        {
            await rack2.DisposeAsync();
        }

        Assert.True(await Poll.UntilAsync(() => !rack1.Services.GetRequiredService<RemoteSlots>().IsReachable("rack2")));
        var gone = await PythonAutoscalerClient.RunAsync(rack1, $"nodes:{Group}", $"increase:{Group}:1");

        Assert.Contains("node pichassis://rack2/2 creating chassis_unreachable 99", gone.Lines);
        Assert.StartsWith($"error RESOURCE_EXHAUSTED group {Group}: only 0 of the 1", gone.Lines[^1], StringComparison.Ordinal);
    }
}
