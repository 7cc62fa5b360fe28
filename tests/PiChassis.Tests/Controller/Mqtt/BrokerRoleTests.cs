using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

/// <summary>The embedded broker's roles hold each user to what the shipped Mosquitto ACL gives it.</summary>
public class BrokerRoleTests
{
    private static readonly Topics Sim = new("sim");

    private static BrokerRole Role(string user) => BrokerRole.For(user, Sim, "homeassistant");

    [Theory]
    [InlineData("chassis-sim", "pichassis/sim/status", true)]
    [InlineData("chassis-sim", "pichassis/sim/slot/3/state", true)]
    [InlineData("chassis-sim", "pichassis/nodes/node01/cmd", true)]
    [InlineData("chassis-sim", "pichassis/clients/slurm/x/response", true)]
    [InlineData("chassis-sim", "homeassistant/device/pichassis_sim/config", true)]
    [InlineData("chassis-sim", "pichassis/other/status", false)]
    [InlineData("chassis-other", "pichassis/sim/status", false)]
    [InlineData("slurm", "pichassis/requests/slurm/sim/power", true)]
    [InlineData("slurm", "pichassis/requests/slurm/other/status", true)]
    [InlineData("slurm", "pichassis/requests/dashboard/sim/power", false)]
    [InlineData("slurm", "pichassis/sim/request/power", false)]
    [InlineData("slurm", "pichassis/clients/slurm/sync", true)]
    [InlineData("slurm", "pichassis/sim/slot/1/state", false)]
    [InlineData("slurm", "pichassis/sim/slot/1/set", false)]
    [InlineData("slurm", "pichassis/nodes/node01/cmd", false)]
    [InlineData("slurm", "pichassis/clients/dashboard/x", false)]
    [InlineData("dashboard", "pichassis/sim/slot/1/set", true)]
    [InlineData("dashboard", "pichassis/requests/dashboard/sim/capacity", true)]
    [InlineData("dashboard", "pichassis/sim/request/capacity", false)]
    [InlineData("dashboard", "pichassis/sim/status", false)]
    [InlineData("homeassistant", "homeassistant/status", true)]
    [InlineData("homeassistant", "pichassis/sim/request/power", false)]
    [InlineData("homeassistant", "pichassis/requests/homeassistant/sim/power", false)]
    [InlineData("node01", "pichassis/requests/node01/sim/power", false)]
    [InlineData("node01", "pichassis/nodes/node01/heartbeat", true)]
    [InlineData("node01", "pichassis/nodes/node02/heartbeat", false)]
    [InlineData("node01", "pichassis/sim/slot/1/set", false)]
    public void MayPublish_AsTheAclSays(string user, string topic, bool allowed) => Assert.Equal(allowed, Role(user).MayPublish(topic));

    [Theory]
    [InlineData("slurm", "pichassis/clients/slurm/#", true)]
    [InlineData("slurm", "pichassis/+/response/#", false)]
    [InlineData("slurm", "pichassis/sim/slot/+/state", true)]
    [InlineData("slurm", "pichassis/clients/dashboard/#", false)]
    [InlineData("slurm", "pichassis/clients/+/#", false)]
    [InlineData("slurm", "pichassis/#", false)]
    [InlineData("slurm", "pichassis/nodes/+/cmd", false)]
    [InlineData("dashboard", "pichassis/#", false)]
    [InlineData("dashboard", "pichassis/clients/slurm/#", false)]
    [InlineData("dashboard", "pichassis/+/slot/+/state", true)]
    [InlineData("node01", "pichassis/nodes/node02/announce", false)]
    [InlineData("node01", "pichassis/nodes/node01/cmd", true)]
    [InlineData("node01", "pichassis/nodes/+/cmd", false)]
    [InlineData("chassis-sim", "pichassis/sim/request/+", true)]
    [InlineData("chassis-sim", "pichassis/+/request/+", false)]
    [InlineData("chassis-sim", "pichassis/requests/+/sim/+", true)]
    [InlineData("chassis-sim", "pichassis/requests/+/+/+", false)]
    [InlineData("slurm", "pichassis/requests/+/sim/+", false)]
    public void MaySubscribe_OnlyWithinItsReadRules(string user, string filter, bool allowed) => Assert.Equal(allowed, Role(user).MaySubscribe(filter));

    [Theory]
    [InlineData("slurm", null, true)]
    [InlineData("slurm", "pichassis/clients/slurm/job-7", true)]
    [InlineData("slurm", "pichassis/clients/dashboard/x", false)]
    [InlineData("dashboard", "pichassis/clients/slurm/x", false)]
    [InlineData("slurm", "pichassis/sim/status", true)]
    public void MayNameAsReply_OnlyItsOwnClientLevel(string user, string? responseTopic, bool allowed) =>
        Assert.Equal(allowed, Role(user).MayNameAsReply(responseTopic));

    [Fact]
    public void Simulator_EveryNodesAgentTopicsOnly()
    {
        var role = BrokerRole.Simulator(BrokerAccounts.SimulatorUser);

        Assert.True(role.MayPublish("pichassis/nodes/node07/heartbeat"));
        Assert.True(role.MaySubscribe(Topics.NodeCommandFilter));
        Assert.False(role.MayPublish("pichassis/sim/slot/1/set"));
    }
}
