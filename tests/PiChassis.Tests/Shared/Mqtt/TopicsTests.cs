using PiChassis.Shared.Mqtt;

namespace PiChassis.Tests.Shared.Mqtt;

public class TopicsTests
{
    private readonly Topics _topics = new("rack-1");

    [Fact]
    public void Topics_ChassisTopics_FollowTheContract()
    {
        Assert.Equal("pichassis/rack-1/status", _topics.Status);
        Assert.Equal("pichassis/rack-1/info", _topics.Info);
        Assert.Equal("pichassis/rack-1/telemetry", _topics.Telemetry);
        Assert.Equal("pichassis/rack-1/event", _topics.Event);
        Assert.Equal("pichassis/rack-1/slot/3/state", _topics.SlotState(3));
        Assert.Equal("pichassis/rack-1/slot/3/telemetry", _topics.SlotTelemetry(3));
        Assert.Equal("pichassis/rack-1/slot/3/event", _topics.SlotEvent(3));
        Assert.Equal("pichassis/rack-1/slot/12/set", _topics.SlotSet(12));
        Assert.Equal("pichassis/rack-1/request/power", _topics.Request("power"));
        Assert.Equal("pichassis/rack-1/response/power", _topics.Response("power"));
        Assert.Equal("pichassis/rack-1/slot/+/set", _topics.SlotSetFilter);
        Assert.Equal("pichassis/rack-1/request/+", _topics.RequestFilter);
    }

    [Fact]
    public void Topics_NodeTopics_AreChassisIndependent()
    {
        Assert.Equal("pichassis/nodes/node07/heartbeat", Topics.NodeHeartbeat("node07"));
        Assert.Equal("pichassis/nodes/node07/status", Topics.NodeStatus("node07"));
        Assert.Equal("pichassis/nodes/node07/cmd", Topics.NodeCommand("node07"));
        Assert.Equal("pichassis/nodes/+/announce", Topics.NodeAnnounceFilter);
        Assert.Equal("pichassis/nodes/+/cmd", Topics.NodeCommandFilter);
    }

    [Theory]
    [InlineData("sim", true)]
    [InlineData("rack-01", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    [InlineData("", false)]
    [InlineData("Rack", false)]
    [InlineData("rack_1", false)]
    [InlineData("a/b", false)]
    [InlineData("+", false)]
    [InlineData("nodes", false)]
    [InlineData(null, false)]
    public void IsValidChassisId_ContractPattern_AcceptsOnlyLowercaseDigitsDashes(string? id, bool valid)
    {
        Assert.Equal(valid, Topics.IsValidChassisId(id));
    }

    [Fact]
    public void Constructor_InvalidChassisId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Topics("Bad/Id"));
    }

    [Theory]
    [InlineData("node01", true)]
    [InlineData("pi-4.b_2", true)]
    [InlineData("", false)]
    [InlineData("node/1", false)]
    [InlineData("node+", false)]
    [InlineData("node#", false)]
    [InlineData("nöde", false)]
    [InlineData("-Ehalt.log", false)]
    [InlineData("node;reboot", false)]
    [InlineData("node 1", false)]
    [InlineData(".node", false)]
    public void NodeNamesIsValid_TopicLevelAndShellSafe(string node, bool valid)
    {
        Assert.Equal(valid, NodeNames.IsValid(node));
    }

    [Fact]
    public void NodeHeartbeat_NameWithWildcard_Throws()
    {
        Assert.Throws<ArgumentException>(() => Topics.NodeHeartbeat("a/#"));
    }

    [Theory]
    [InlineData("pichassis/rack-1/slot/3/set", "3")]
    [InlineData("pichassis/rack-1/slot/abc/set", "abc")]
    public void TryParseSlotSet_SetTopic_GivesTheSlotLevel(string topic, string level)
    {
        Assert.True(_topics.TryParseSlotSet(topic, out var slot));
        Assert.Equal(level, slot);
    }

    [Theory]
    [InlineData("pichassis/rack-1/slot/3/state")]
    [InlineData("pichassis/rack-2/slot/3/set")]
    [InlineData("pichassis/rack-1/slot//set")]
    [InlineData("pichassis/rack-1/slot/1/2/set")]
    public void TryParseSlotSet_OtherTopics_False(string topic)
    {
        Assert.False(_topics.TryParseSlotSet(topic, out _));
    }

    [Fact]
    public void TryParseRequest_RequestTopic_GivesTheVerb()
    {
        Assert.True(_topics.TryParseRequest("pichassis/rack-1/request/power", out var verb));
        Assert.Equal("power", verb);
        Assert.False(_topics.TryParseRequest("pichassis/rack-1/response/power", out _));
        Assert.False(_topics.TryParseRequest("pichassis/rack-1/request/a/b", out _));
    }

    [Fact]
    public void TryParseNodeTopic_Heartbeat_GivesTheNode()
    {
        Assert.True(Topics.TryParseNodeTopic("pichassis/nodes/node07/heartbeat", "heartbeat", out var node));
        Assert.Equal("node07", node);
        Assert.False(Topics.TryParseNodeTopic("pichassis/nodes/node07/cmd", "heartbeat", out _));
    }

    [Fact]
    public void HomeAssistantTopics_DeviceDiscovery_UnderPrefix()
    {
        Assert.Equal("homeassistant/status", HomeAssistantTopics.Status("homeassistant"));
        Assert.Equal("ha/device/pichassis_sim/config", HomeAssistantTopics.DeviceConfig("ha", "pichassis_sim"));
    }
    [Theory]
    [InlineData("pichassis/clients/slurm/r1", "slurm")]
    [InlineData("pichassis/clients/slurm/cli-1/response", "slurm")]
    [InlineData("pichassis/clients/slurm", null)]
    [InlineData("pichassis/clients/slurm/", null)]
    [InlineData("pichassis/clients//r1", null)]
    [InlineData("pichassis/sim/status", null)]
    [InlineData("pichassis/sim/slot/1/state", null)]
    [InlineData("pichassis/nodes/node01/cmd", null)]
    [InlineData("test/reply", null)]
    public void TryParseClientReply_OnlyUnderTheClientsLevelWithALevelBelow(string topic, string? client)
    {
        var parsed = Topics.TryParseClientReply(topic, out var found);

        Assert.Equal(client is not null, parsed);
        Assert.Equal(client, found);
    }

    [Fact]
    public void IsValidChassisId_ReservedLevels_Refused()
    {
        Assert.False(Topics.IsValidChassisId("clients"));
        Assert.False(Topics.IsValidChassisId("nodes"));
        Assert.False(Topics.IsValidChassisId("requests"));
    }

    [Theory]
    [InlineData("pichassis/requests/slurm/rack-1/power", "slurm", "power")]
    [InlineData("pichassis/requests/slurm/rack-2/power", null, null)]
    [InlineData("pichassis/requests//rack-1/power", null, null)]
    [InlineData("pichassis/requests/slurm/rack-1/", null, null)]
    [InlineData("pichassis/requests/slurm/rack-1/power/x", null, null)]
    [InlineData("pichassis/rack-1/request/power", null, null)]
    [InlineData("pichassis/clients/slurm/rack-1/power", null, null)]
    public void TryParseOwnedRequest_OnlyThisChassisOnALevelWithAVerb(string topic, string? client, string? verb)
    {
        var parsed = _topics.TryParseOwnedRequest(topic, out var foundClient, out var foundVerb);

        Assert.Equal(client is not null, parsed);
        Assert.Equal(client, foundClient);
        Assert.Equal(verb, foundVerb);
    }

    [Fact]
    public void OwnedRequestAndResponse_OnTheClientsLevels()
    {
        Assert.Equal("pichassis/requests/slurm/rack-1/power", _topics.OwnedRequest("slurm", "power"));
        Assert.Equal("pichassis/clients/slurm/response/rack-1/power", _topics.OwnedResponse("slurm", "power"));
        Assert.True(_topics.TryParseOwnedRequest(_topics.OwnedRequest("slurm", "power"), out _, out _));
    }
}
