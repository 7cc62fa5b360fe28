using System.Diagnostics;
using System.Globalization;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Deploy;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Reliability;

public sealed partial class AttackSuiteTests
{
    /// <summary>A name that would be an ssh option in a halt command (<c>ssh {node} …</c>).</summary>
    private const string OptionName = "-Ehalt.log";

    /// <summary>
    /// Findings 1 and 7. Right after slot 3 (default name, so learnable) is powered on, and again once a
    /// claim could be confirmed: slurm and dashboard announce and beat under their own names, under
    /// configured node01 and under a new board9, all with an uptime matching the power-on; node account
    /// board7 with an uptime that does not match; <see cref="OptionName"/>, which add-node.sh refuses and
    /// an administrator added by hand, with a matching one. Only board8, a node account telling the
    /// truth, may become slot 3's pending name (the control: were any other claim taken, the two claims
    /// would conflict and board8 would not be learnt); and <c>power off node01</c> still halts node01.
    /// </summary>
    [Fact]
    public async Task IdentityTheft_SpoofedOrWrongUptimeClaims_NoSlotRenamedOnlyTheTruthfulBoardPending()
    {
        var addNodeExit = await AddNodeToShippedAclAsync(OptionName);
        await using var rig = await AttackRig.StartBrokerAsync(
            ["dashboard", "node01", "board7", "board8", OptionName], ["node01", "board7", "board8"],
            $"user {OptionName}\ntopic write pichassis/nodes/{OptionName}/#\n");
        await rig.StartControllerAsync(new Dictionary<string, string?>
        {
            ["Simulation:StartPowered"] = "false",
            ["Chassis:Slots:0:Slot"] = "1",
            ["Chassis:Slots:0:Node"] = "node01",
        });
        await using var slurm = await rig.ConnectAsync("slurm");
        await using var dashboard = await rig.ConnectAsync("dashboard");
        // Reads what the controller reads of the nodes' topics, with the controller's own account.
        await using var observer = await rig.ConnectAsync(AttackRig.ChassisUser, "pichassis/nodes/+/heartbeat", "pichassis/nodes/+/announce");
        await using var node01 = await rig.ConnectAsync("node01", "pichassis/nodes/node01/cmd");
        await using var board7 = await rig.ConnectAsync("board7");
        await using var board8 = await rig.ConnectAsync("board8");
        await using var optionName = await rig.ConnectAsync(OptionName);
        Assert.Equal("ok", Status(await rig.RequestAsync(slurm, "slurm", "power", $$"""{"id":"{{rig.NextId("on")}}","targets":"node01","state":"on","wait":"relay"}""")));
        Assert.Equal("ok", Status(await rig.RequestAsync(slurm, "slurm", "power", $$"""{"id":"{{rig.NextId("on")}}","targets":"slot:3","state":"on","wait":"relay"}""")));
        var sincePowerOn = Stopwatch.StartNew();
        string[] spoofed = [.. new[] { "slurm", "dashboard", "node01", "board9" }.SelectMany(n => new[] { $"pichassis/nodes/{n}/heartbeat", $"pichassis/nodes/{n}/announce" })];

        for (var round = 0; round < 2; round++)
        {
            if (round == 1)
            {
                // The protocol's own wait, not a proof: a claim counts when heard again after this.
                await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (NodeIdentity.Confirmation + TimeSpan.FromSeconds(1) - sincePowerOn.Elapsed).Ticks)));
            }

            var truth = Uptime(sincePowerOn.Elapsed.TotalSeconds);
            foreach (var spoofer in new[] { slurm, dashboard })
            {
                foreach (var topic in spoofed)
                {
                    await spoofer.PublishAsync(topic, truth);
                }
            }

            await SayAsync(board7, "board7", Uptime(sincePowerOn.Elapsed.TotalSeconds + 300));
            await SayAsync(optionName, OptionName, truth);
            await SayAsync(board8, "board8", truth);
            var marker = $"pichassis/clients/{AttackRig.ChassisUser}/marker/{round}";
            await observer.PublishAsync(marker, "after");
            Assert.NotNull(await observer.WaitForAsync(marker, _ => true, AttackRig.Patience));
        }

        await rig.SettleAsync();
        var delivered = observer.Messages().Count(m => spoofed.Contains(m.Topic));
        var optionNameDelivered = observer.Messages($"pichassis/nodes/{OptionName}/announce").Count;
        var states = await rig.Controller.Loop.RunAsync(e => e.States);
        var renamed = states.Count(s => s.Node != $"node{s.Slot.ToString("00", CultureInfo.InvariantCulture)}");
        string[] liars = ["slurm", "dashboard", "board9", "board7", OptionName];
        var liarsHeard = states.Count(s => liars.Contains(s.PendingNode))
            + rig.Events().Count(e => liars.Contains((string?)e.Detail?["node"]) || liars.Contains((string?)e.Detail?["other_node"]));
        var optionNameHeard = rig.Events().Count(e => e.Detail?.ToJsonString().Contains(OptionName, StringComparison.Ordinal) == true);
        var off = await rig.RequestAsync(slurm, "slurm", "power", $$"""{"id":"{{rig.NextId("off")}}","targets":"node01","state":"off","wait":"none"}""");
        var halted = await node01.WaitForAsync("pichassis/nodes/node01/cmd", p => p.Contains("halt", StringComparison.Ordinal), AttackRig.Patience);

        Row("identity theft: spoofed words delivered", delivered);
        Row("identity theft: slots renamed", renamed);
        Row("identity theft: false claims heard", liarsHeard);
        Row("identity theft: true claim pending (control)", states[2].PendingNode == "board8" ? 1 : 0);
        Row("identity theft: power off node01 halts it", halted is null ? 0 : 1);
        Row("node names: add-node.sh exit, '-Ehalt.log'", addNodeExit);
        Row("node names: '-Ehalt.log' learnt/journalled", optionNameHeard + states.Count(s => s.PendingNode == OptionName));
        Assert.Equal(0, delivered);
        Assert.Equal(0, renamed);
        Assert.Equal(0, liarsHeard);
        Assert.Equal("board8", states[2].PendingNode);
        Assert.Equal("ok", Status(off));
        Assert.Equal(1, (int?)off!["results"]![0]!["slot"]);
        Assert.NotNull(halted);
        Assert.Equal(2, addNodeExit);
        Assert.Equal(2, optionNameDelivered);
        Assert.Equal(0, optionNameHeard);
        Assert.DoesNotContain(states, s => s.PendingNode == OptionName);
    }

    private static string Uptime(double seconds) => $$"""{"uptime_s":{{Math.Floor(seconds).ToString(CultureInfo.InvariantCulture)}}}""";

    private static async Task SayAsync(TestMqttClient node, string name, string payload)
    {
        await node.PublishAsync($"pichassis/nodes/{name}/announce", payload);
        await node.PublishAsync($"pichassis/nodes/{name}/heartbeat", payload);
    }

    /// <summary>Runs the shipped add-node.sh on a copy of the shipped ACL; its exit code, once the copy is found unchanged.</summary>
    private static async Task<int> AddNodeToShippedAclAsync(string node)
    {
        var acl = Path.GetTempFileName();
        try
        {
            File.Copy(ExampleMosquitto.Deploy("pichassis.acl"), acl, overwrite: true);
            var added = await ProcessRunner.RunAsync("sh", [ExampleMosquitto.Deploy("add-node.sh"), acl, "rack1", node], TimeSpan.FromSeconds(10));
            Assert.Equal(await File.ReadAllTextAsync(ExampleMosquitto.Deploy("pichassis.acl")), await File.ReadAllTextAsync(acl));
            return added.ExitCode;
        }
        finally
        {
            File.Delete(acl);
        }
    }
}
