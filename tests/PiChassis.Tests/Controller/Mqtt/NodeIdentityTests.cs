using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Sampling;
using PiChassis.Shared.Hostlists;

namespace PiChassis.Tests.Controller.Mqtt;

public sealed class NodeIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-identity-").FullName;
    private readonly TestEngine _rig = new();
    private readonly NodeMapFile _map;
    private readonly NodeIdentity _identity;

    public NodeIdentityTests()
    {
        _map = new NodeMapFile(Path.Combine(_dir, NodeMapFile.FileName), NullLogger<NodeMapFile>.Instance);
        _identity = Identity();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Plug &amp; play on a 4-slot chassis; <paramref name="configured"/> slots have their node set in the configuration.</summary>
    private NodeIdentity Identity(params (int Slot, string Node)[] configured)
    {
        var chassis = new ChassisOptions { SlotCount = 4 };
        chassis.Slots.AddRange(configured.Select(c => new SlotOptions { Slot = c.Slot, Node = c.Node }));
        DefaultWiring.ApplyTo(chassis);
        return new NodeIdentity(_rig.Events, _map, Options.Create(chassis), _rig.Time, NullLogger<NodeIdentity>.Instance);
    }

    /// <summary>A node's heartbeats from its first until it has been heard for the confirmation time.</summary>
    private void HearUntilConfirmed(string node, double uptimeS, NodeIdentity? identity = null)
    {
        identity ??= _identity;
        identity.OnHeartbeat(_rig.Engine, node, uptimeS);
        _rig.Time.Advance(NodeIdentity.Confirmation);
        identity.OnHeartbeat(_rig.Engine, node, uptimeS + NodeIdentity.Confirmation.TotalSeconds);
    }

    private IEnumerable<PiChassis.Controller.Engine.ChassisEvent> Events(string type) => _rig.Journal.Read(0, 1000).Where(e => e.Type == type);

    [Fact]
    public void OnHeartbeat_UnknownNodeDuringBoot_PendingUntilConfirmedAndEndsTheBoot()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        HearUntilConfirmed("node42", uptimeS: 12);

        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Equal("node42", _rig.State(3).PendingNode);
        Assert.Equal(SlotPhase.On, _rig.State(3).Phase);
        var identified = Assert.Single(Events(NodeIdentity.EventType));
        Assert.Equal(3, identified.Slot);
        Assert.Equal("node42", (string?)identified.Detail!["node"]);
        Assert.Equal("node03", (string?)identified.Detail!["configured_node"]);
        Assert.True((bool)identified.Detail!["pending"]!);
        Assert.Empty(_map.Load());
    }

    [Fact]
    public void Confirm_PendingName_BecomesTheSlotsNameAndIsKept()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        HearUntilConfirmed("node42", uptimeS: 12);

        var result = _identity.Confirm(_rig.Engine, 3, "cli");

        Assert.True(result.Ok);
        Assert.Equal("node42", _rig.State(3).Node);
        Assert.Null(_rig.State(3).PendingNode);
        Assert.Equal(new Dictionary<int, string> { [3] = "node42" }, _map.Load());
        var confirmed = Assert.Single(Events(EventTypes.IdentityConfirmed));
        Assert.Equal(("node42", "node03", "cli"), ((string?)confirmed.Detail!["node"], (string?)confirmed.Detail!["previous_node"], confirmed.Source));
    }

    [Fact]
    public void Reject_PendingName_SlotKeepsItsNameAndNothingIsSaved()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        HearUntilConfirmed("node42", uptimeS: 12);

        var result = _identity.Reject(_rig.Engine, 3, "cli");

        Assert.True(result.Ok);
        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Null(_rig.State(3).PendingNode);
        Assert.Empty(_map.Load());
        Assert.Equal("node42", (string?)Assert.Single(Events(EventTypes.IdentityRejected)).Detail!["node"]);
    }

    [Fact]
    public void Reject_ConfirmedName_PutsTheDefaultBackAndForgetsIt()
    {
        _map.Save(new Dictionary<int, string> { [3] = "node42" });
        _identity.Restore(_rig.Engine, _identity.LoadSaved());

        var result = _identity.Reject(_rig.Engine, 3, "mqtt");

        Assert.True(result.Ok);
        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Empty(_map.Load());
        Assert.Equal("node03", (string?)Assert.Single(Events(EventTypes.IdentityRejected)).Detail!["restored_node"]);
    }

    [Fact]
    public void ConfirmOrReject_NothingLearnt_RefusedNotPending()
    {
        Assert.Equal(ErrorCodes.NotPending, _identity.Confirm(_rig.Engine, 2, "cli").ErrorCode);
        Assert.Equal(ErrorCodes.NotPending, _identity.Reject(_rig.Engine, 2, "cli").ErrorCode);
        Assert.Equal("node02", _rig.State(2).Node);
    }

    [Fact]
    public void OnHeartbeat_SpooferAfterPowerOnOfAConfiguredSlot_ChangesNothingAndTheHaltGoesToTheRealNode()
    {
        var identity = Identity((3, "node03"));
        _rig.PowerOn(3);
        for (var beat = 0; beat < 12; beat++)
        {
            // The audit's spoofer: {"uptime_s":1} every 5 s, then uptimes that match the power-on exactly.
            _rig.Time.Advance(TimeSpan.FromSeconds(5));
            identity.OnHeartbeat(_rig.Engine, "impostor", uptimeS: beat < 6 ? 1 : 5 * (beat + 1));
        }

        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Null(_rig.State(3).PendingNode);
        Assert.Equal(SlotPhase.Booting, _rig.State(3).Phase);
        Assert.Empty(Events(NodeIdentity.EventType));
        Assert.Empty(_map.Load());
        var target = Assert.Single(TargetResolver.Resolve(Hostlist.Parse("node03"), _rig.Engine.States, out var error));
        Assert.Null(error);
        Assert.True(_rig.Engine.Execute(new SlotCommand(target.Slot, SlotAction.Off, CommandOrigin.Remote, "test")).Ok);
        Assert.Equal([(3, "node03")], _rig.Agent.Halts);
    }

    [Fact]
    public void OnHeartbeat_PendingBoardMovedToAnotherSlot_PendingThereOnly()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        HearUntilConfirmed("node42", uptimeS: 12);
        _rig.Engine.Execute(new SlotCommand(3, SlotAction.ForceOff, CommandOrigin.Remote, "test"));
        _rig.Time.Advance(TimeSpan.FromSeconds(10));
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        HearUntilConfirmed("node42", uptimeS: 12);

        Assert.Null(_rig.State(3).PendingNode);
        Assert.Equal("node42", _rig.State(4).PendingNode);
    }

    [Fact]
    public void Restore_SavedNameForAConfiguredSlot_Ignored()
    {
        _map.Save(new Dictionary<int, string> { [3] = "impostor", [4] = "node03" });

        var identity = Identity((3, "node03"));
        identity.Restore(_rig.Engine, identity.LoadSaved());

        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Equal("node04", _rig.State(4).Node);
    }

    [Fact]
    public void OnHeartbeat_UptimeNotMatchingThePowerOn_NotLearnt()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(30));

        HearUntilConfirmed("impostor", uptimeS: 1);

        Assert.Null(_rig.State(3).PendingNode);
        Assert.Equal("node03", _rig.State(3).Node);
    }

    [Fact]
    public void OnHeartbeat_TwoClaimantsForOneSlot_IdentityConflictAndSlotUnchanged()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "node42", uptimeS: 15);
        _rig.Time.Advance(TimeSpan.FromSeconds(5));
        _identity.OnHeartbeat(_rig.Engine, "impostor", uptimeS: 20);

        _rig.Time.Advance(NodeIdentity.Confirmation);
        _identity.OnHeartbeat(_rig.Engine, "node42", uptimeS: 35);

        var conflict = Assert.Single(Events(EventTypes.IdentityConflict));
        Assert.Equal(3, conflict.Slot);
        Assert.Equal(("impostor", "node42"), ((string?)conflict.Detail!["node"], (string?)conflict.Detail!["other_node"]));
        Assert.Equal("node03", _rig.State(3).Node);
        Assert.Null(_rig.State(3).PendingNode);
        Assert.Empty(Events(NodeIdentity.EventType));
    }

    [Fact]
    public void OnHeartbeat_NameOfAPoweredBeatingSlotClaimsAnother_IdentityConflict()
    {
        _rig.PowerOn(2);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "node02", uptimeS: 18);
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(10));

        HearUntilConfirmed("node02", uptimeS: 8);

        var conflict = Assert.Single(Events(EventTypes.IdentityConflict));
        Assert.Equal((4, 2), (conflict.Slot, (int?)conflict.Detail!["held_by_slot"]));
        Assert.Equal(("node02", "node04"), (_rig.State(2).Node, _rig.State(4).Node));
        Assert.Null(_rig.State(4).PendingNode);
    }

    [Theory]
    [InlineData("-Ehalt.log")]
    [InlineData("node;reboot")]
    public void OnHeartbeat_NameAnOptionOrShellText_NeverLearnt(string node)
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        HearUntilConfirmed(node, uptimeS: 15);

        Assert.Null(_rig.State(3).PendingNode);
        Assert.Empty(Events(NodeIdentity.EventType));
    }

    [Fact]
    public void Load_SavedNameAnOption_Dropped()
    {
        File.WriteAllText(Path.Combine(_dir, NodeMapFile.FileName), """{"3":"-Ehalt.log","4":"node42"}""");

        Assert.Equal(new Dictionary<int, string> { [4] = "node42" }, _map.Load());
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
        Assert.Null(_rig.State(3).PendingNode);
    }

    [Fact]
    public void OnHeartbeat_BoardMovedFromAnUnpoweredSlot_SwapsTheNamesOnceConfirmed()
    {
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(10));

        HearUntilConfirmed("node02", uptimeS: 8);
        Assert.Equal("node02", _rig.State(4).PendingNode);
        Assert.True(_identity.Confirm(_rig.Engine, 4, "cli").Ok);

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

        Assert.Equal("node77", _rig.State(1).PendingNode);
        Assert.Null(_rig.State(2).PendingNode);
    }

    /// <summary>
    /// QA's <c>power cycle all</c>: the slots come on together (a stagger apart) and each board's agent,
    /// up 25 s after its slot's power-on, sends its announcement and its heartbeat back to back, then
    /// beats every 5 s. Each uptime also fits the next slot's power-on; it used to count for that slot
    /// (a false conflict for every next slot).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnHeartbeat_SlotsBootingTogetherEachHearTheirOwnBoard_NoConflictNothingLearnt(bool slot1Configured)
    {
        var identity = slot1Configured ? Identity((1, "node01")) : _identity;
        var poweredAt = new Dictionary<int, DateTimeOffset>();
        for (var slot = 1; slot <= 4; slot++)
        {
            Assert.True(_rig.PowerOn(slot).Ok);
            Assert.True(_rig.Relays[slot - 1].IsClosed);
            poweredAt[slot] = _rig.Time.GetUtcNow();
            _rig.Time.Advance(TimeSpan.FromSeconds(2));
        }

        for (var second = 0; second < 60; second++)
        {
            foreach (var (slot, at) in poweredAt)
            {
                var up = (int)(_rig.Time.GetUtcNow() - at).TotalSeconds;
                if (up >= 25 && up % 5 == 0)
                {
                    var words = up == 25 ? 2 : 1;
                    for (var word = 0; word < words; word++)
                    {
                        identity.OnHeartbeat(_rig.Engine, $"node{slot:D2}", up);
                    }
                }
            }

            _rig.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(Events(EventTypes.IdentityConflict));
        Assert.Empty(Events(NodeIdentity.EventType));
        Assert.All(_rig.Engine.States, s => Assert.Equal((SlotPhase.On, $"node{s.Slot:D2}", (string?)null), (s.Phase, s.Node, s.PendingNode)));
    }

    [Fact]
    public void OnHeartbeat_UnknownBoardWhoseUptimeFitsTwoBootingSlots_NothingLearntUntilTheOtherSlotsOwnBoardSpeaks()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(2));
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        HearUntilConfirmed("node42", uptimeS: 19);

        Assert.Null(_rig.State(3).PendingNode);
        Assert.Null(_rig.State(4).PendingNode);
        Assert.Empty(Events(EventTypes.IdentityConflict));

        _identity.OnHeartbeat(_rig.Engine, "node04", uptimeS: 33);
        HearUntilConfirmed("node42", uptimeS: 35);

        Assert.Equal("node42", _rig.State(3).PendingNode);
        Assert.Null(_rig.State(4).PendingNode);
    }

    [Fact]
    public void OnHeartbeat_TwoUnknownBoardsBootingTogether_NoConflictNothingLearnt()
    {
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(2));
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));

        for (var beat = 0; beat < 4; beat++)
        {
            _identity.OnHeartbeat(_rig.Engine, "node42", uptimeS: 19 + (beat * 10));
            _identity.OnHeartbeat(_rig.Engine, "node43", uptimeS: 17 + (beat * 10));
            _rig.Time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(Events(EventTypes.IdentityConflict));
        Assert.Empty(Events(NodeIdentity.EventType));
    }

    [Fact]
    public void OnHeartbeat_BoardMovedIntoOneOfTwoSlotsBootingTogether_ConflictOnceTheOtherSlotsOwnBoardSpoke()
    {
        _rig.PowerOn(2);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "node02", uptimeS: 18);
        _rig.Time.Advance(TimeSpan.FromSeconds(60));
        _identity.OnHeartbeat(_rig.Engine, "node02", uptimeS: 78);
        _rig.PowerOn(3);
        _rig.Time.Advance(TimeSpan.FromSeconds(2));
        _rig.PowerOn(4);
        _rig.Time.Advance(TimeSpan.FromSeconds(20));
        _identity.OnHeartbeat(_rig.Engine, "node02", uptimeS: 19);
        Assert.Empty(Events(EventTypes.IdentityConflict));

        _identity.OnHeartbeat(_rig.Engine, "node04", uptimeS: 17);
        _identity.OnHeartbeat(_rig.Engine, "node02", uptimeS: 19);

        var conflict = Assert.Single(Events(EventTypes.IdentityConflict));
        Assert.Equal((3, 2), (conflict.Slot, (int?)conflict.Detail!["held_by_slot"]));
        Assert.Equal(("node02", "node03"), (_rig.State(2).Node, _rig.State(3).Node));
        Assert.Null(_rig.State(3).PendingNode);
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

        Assert.Equal("node42", _rig.State(3).PendingNode);
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

        _identity.Restore(_rig.Engine, _identity.LoadSaved());

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
