using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

/// <summary>A flood of refused commands leaves one journal row per slot and reason per interval, with a count.</summary>
public class PowerEngineRejectionTests
{
    [Fact]
    public void Execute_ThousandRefusalsOnOneSlot_OneEventNowOneWithTheCountAfterTheInterval()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Execute(1, SlotAction.Lock);
        rig.Execute(2, SlotAction.Lock);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(ErrorCodes.Locked, rig.Execute(1, SlotAction.Off, CommandOrigin.Remote, "flood").ErrorCode);
        }

        rig.Execute(2, SlotAction.Off);
        var first = Assert.Single(rig.EventsOf(EventTypes.CommandRejected, 1));
        Assert.Equal(1, (int?)first.Detail?["count"]);
        Assert.Single(rig.EventsOf(EventTypes.CommandRejected, 2));

        rig.Run(RejectionDigest.Interval + TimeSpan.FromSeconds(1));

        var rows = rig.EventsOf(EventTypes.CommandRejected, 1);
        Assert.Equal(2, rows.Count);
        Assert.Equal(999, (int?)rows[1].Detail?["count"]);
        Assert.Equal("flood", rows[1].Source);
        Assert.Equal(ErrorCodes.Locked, (string?)rows[1].Detail?["code"]);
        Assert.Single(rig.EventsOf(EventTypes.CommandRejected, 2));
    }

    [Fact]
    public void Execute_RefusalAfterAQuietInterval_JournalledAtOnceAgain()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Execute(1, SlotAction.Lock);
        rig.Execute(1, SlotAction.Off);
        rig.Run(RejectionDigest.Interval + TimeSpan.FromSeconds(1));
        rig.Run(RejectionDigest.Interval + TimeSpan.FromSeconds(1));

        rig.Execute(1, SlotAction.Off);

        var rows = rig.EventsOf(EventTypes.CommandRejected, 1);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, (int?)r.Detail?["count"]));
    }

    [Fact]
    public void Execute_DifferentReasonsOnOneSlot_EachJournalledAtOnce()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Chassis.Slot(1).InjectShort(4.0);
        rig.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(ErrorCodes.FaultLatched, rig.Execute(1, SlotAction.On).ErrorCode);
        rig.Execute(1, SlotAction.Lock);

        Assert.Equal(ErrorCodes.Locked, rig.Execute(1, SlotAction.On).ErrorCode);

        Assert.Equal([ErrorCodes.FaultLatched, ErrorCodes.Locked], rig.EventsOf(EventTypes.CommandRejected, 1).Select(e => (string?)e.Detail?["code"]));
    }
}
