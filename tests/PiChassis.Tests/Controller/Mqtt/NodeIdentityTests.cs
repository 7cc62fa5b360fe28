using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Sampling;

namespace PiChassis.Tests.Controller.Mqtt;

public sealed class NodeIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-identity-").FullName;
    private readonly TestEngine _rig = new();
    private readonly NodeMapFile _map;
    private readonly NodeIdentity _identity;

    public NodeIdentityTests()
    {
        var chassis = new ChassisOptions { SlotCount = 4 };
        DefaultWiring.ApplyTo(chassis);
        _map = new NodeMapFile(Path.Combine(_dir, NodeMapFile.FileName), NullLogger<NodeMapFile>.Instance);
        _identity = new NodeIdentity(_rig.Events, _map, Options.Create(chassis), _rig.Time, NullLogger<NodeIdentity>.Instance);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A node's heartbeats from its first until it has been heard for the confirmation time.</summary>
    private void HearUntilConfirmed(string node, double uptimeS)
    {
        _identity.OnHeartbeat(_rig.Engine, node, uptimeS);
        _rig.Time.Advance(NodeIdentity.Confirmation);
        _identity.OnHeartbeat(_rig.Engine, node, uptimeS + NodeIdentity.Confirmation.TotalSeconds);
    }

    [Fact]
    public void OnHeartbeat_UnknownNodeDuringBoot_NamesTheBootingSlotAndEndsItsBoot()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        HearUntilConfirmed("node42", uptimeS: 12);

        Assert.Equal("node42", _rig.State(3).Node);
        Assert.Equal(SlotPhase.On, _rig.State(3).Phase);
        var identified = Assert.Single(_rig.Journal.Read(0, 100), e => e.Type == NodeIdentity.EventType);
        Assert.Equal(3, identified.Slot);
        Assert.Equal("node42", (string?)identified.Detail!["node"]);
        Assert.Equal("node03", (string?)identified.Detail!["configured_node"]);
        Assert.False((bool)identified.Detail!["matches_config"]!);
        Assert.Equal(new Dictionary<int, string> { [3] = "node42" }, _map.Load());
    }

    [Fact]
    public void OnHeartbeat_UptimeLongerThanTheBoot_IsANodeRunningElsewhere()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        HearUntilConfirmed("node42", uptimeS: 3600);

        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Equal(SlotPhase.Booting, _rig.State(3).Phase);
        Assert.Empty(_map.Load());
    }

    [Fact]
    public void OnHeartbeat_WithoutUptime_LearnsNothing()
    {
        _rig.PowerOn(3);

        _identity.OnHeartbeat(_rig.Engine, "node42", uptimeS: null);

        Assert.Equal("node03", _rig.State(3).Node);
    }

    [Fact]
    public void OnHeartbeat_BoardMovedFromAnUnpoweredSlot_SwapsTheNames()
    {
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(10));

        HearUntilConfirmed("node02", uptimeS: 8);

        Assert.Equal("node02", _rig.State(4).Node);
        Assert.Equal("node04", _rig.State(2).Node);
        var identified = Assert.Single(_rig.Journal.Read(0, 100), e => e.Type == NodeIdentity.EventType);
        Assert.Equal(2, (int?)identified.Detail!["moved_from_slot"]);
        Assert.Equal(new Dictionary<int, string> { [2] = "node04", [4] = "node02" }, _map.Load());
    }

    [Fact]
    public void OnHeartbeat_NodeWherePowerIs_OnlyCountsAsHeartbeat()
    {
        _rig.PowerOn(2);
        _rig.Time.Advance(TimeSpan.FromSeconds(3));
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(7));

        _identity.OnHeartbeat(_rig.Engine, "node02", uptimeS: 8);

        Assert.Equal("node02", _rig.State(2).Node);
        Assert.Equal(SlotPhase.On, _rig.State(2).Phase);
        Assert.Equal(SlotPhase.Booting, _rig.State(4).Phase);
        Assert.DoesNotContain(_rig.Journal.Read(0, 100), e => e.Type == NodeIdentity.EventType);
    }

    [Fact]
    public void OnHeartbeat_TwoSlotsBooting_PicksTheOneWhoseBootMatchesTheUptime()
    {
        _rig.PowerOn(1);
        _rig.Time.Advance(TimeSpan.FromSeconds(30));
        _rig.PowerOn(2);
        _rig.Time.Advance(TimeSpan.FromSeconds(5));

        HearUntilConfirmed("node77", uptimeS: 33);

        Assert.Equal("node77", _rig.State(1).Node);
        Assert.Equal("node02", _rig.State(2).Node);
    }

    [Fact]
    public void OnHeartbeat_BootEndedBeforeTheAgentSpoke_StillLearns()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(95));
        _rig.Engine.OnSnapshot(new ChassisSnapshot(1, _rig.Time.GetUtcNow(), TimeSpan.FromSeconds(95), 5,
            [.. Enumerable.Range(1, 4).Select(n => new SlotSample(n, n == 3, n == 3 ? 0.6 : 0, 5, n == 3 ? 3 : 0, false, 0, null))], []));
        Assert.Equal(SlotPhase.On, _rig.State(3).Phase);

        HearUntilConfirmed("node42", uptimeS: 93);

        Assert.Equal("node42", _rig.State(3).Node);
    }

    [Fact]
    public void OnHeartbeat_AfterTheSlotsOwnFirstBeat_LearnsNothing()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "node03", uptimeS: 18);

        HearUntilConfirmed("node42", uptimeS: 19);

        Assert.Equal("node03", _rig.State(3).Node);
    }

    [Fact]
    public void OnHeartbeat_AnotherChassisBoardFirstThenTheSlotsOwn_OwnKeepsTheSlot()
    {
        // The rack's power came back: every chassis boots its boards at once.
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "b07", uptimeS: 18);
        _rig.Time.Advance(TimeSpan.FromSeconds(4));
        _identity.OnHeartbeat(_rig.Engine, "node03", uptimeS: 21);

        _rig.Time.Advance(NodeIdentity.Confirmation);
        _identity.OnHeartbeat(_rig.Engine, "b07", uptimeS: 40);

        Assert.Equal("node03", _rig.State(3).Node);
        Assert.DoesNotContain(_rig.Journal.Read(0, 100), e => e.Type == NodeIdentity.EventType);
    }

    [Fact]
    public void OnHeartbeat_NewNameHeardOnce_NotLearntBeforeConfirmation()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "node42", uptimeS: 12);
        _rig.Time.Advance(NodeIdentity.Confirmation - TimeSpan.FromSeconds(1));

        _identity.OnHeartbeat(_rig.Engine, "node42", uptimeS: 26);

        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Equal(SlotPhase.Booting, _rig.State(3).Phase);
    }

    [Fact]
    public void OnHeartbeat_SlotPoweredOffBeforeItsBoardSpoke_NoLongerWaits()
    {
        _rig.PowerOn(3);
        _rig.Engine.Execute(new SlotCommand(3, SlotAction.ForceOff, CommandOrigin.Remote, "test"));
        _rig.Time.Advance(TimeSpan.FromSeconds(5));

        HearUntilConfirmed("node42", uptimeS: 3);

        Assert.Equal("node03", _rig.State(3).Node);
    }

    [Fact]
    public void Restore_SavedMap_RenamesTheSlots()
    {
        _map.Save(new Dictionary<int, string> { [1] = "gpu01" });

        _identity.Restore(_rig.Engine);

        Assert.Equal("gpu01", _rig.State(1).Node);
        Assert.Equal("node02", _rig.State(2).Node);
    }

    [Fact]
    public void Load_CorruptFile_FallsBackToTheConfiguration()
    {
        File.WriteAllText(Path.Combine(_dir, NodeMapFile.FileName), "{not json");

        Assert.Empty(_map.Load());
    }
}
