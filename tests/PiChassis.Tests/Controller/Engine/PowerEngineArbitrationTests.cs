using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEngineArbitrationTests
{
    [Fact]
    public void Execute_ButtonOffWhileRemoteOnQueued_ButtonWins()
    {
        using var rig = new SimulatedRig(slots: 2, power: p => p.StaggerInterval = TimeSpan.FromSeconds(30));
        rig.Execute(1, SlotAction.On);
        rig.Execute(2, SlotAction.On);
        Assert.Equal(SlotPhase.Queued, rig.State(2).Phase);

        var button = rig.Execute(2, SlotAction.Off, CommandOrigin.Button, "button");

        Assert.True(button.Ok);
        Assert.Equal(SlotPhase.Off, rig.State(2).Phase);
        rig.Run(TimeSpan.FromMinutes(1));
        Assert.False(rig.Chassis.Slot(2).RelayInputClosed);
    }

    [Fact]
    public void Execute_RemoteOnWhileButtonOffInProgress_Refused()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        rig.Execute(1, SlotAction.Off, CommandOrigin.Button, "button");

        var remote = rig.Execute(1, SlotAction.On, CommandOrigin.Remote, "slurm");

        Assert.False(remote.Ok);
        Assert.Equal(ErrorCodes.Locked, remote.ErrorCode);
        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.Off, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Execute_LockedSlot_RefusesRemoteAndButtonPowerChanges()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        Assert.True(rig.Execute(1, SlotAction.Lock).Ok);

        Assert.Equal(ErrorCodes.Locked, rig.Execute(1, SlotAction.Off).ErrorCode);
        Assert.Equal(ErrorCodes.Locked, rig.Execute(1, SlotAction.ForceOff, CommandOrigin.Button, "button").ErrorCode);
        Assert.Equal(ErrorCodes.Locked, rig.Execute(1, SlotAction.Cycle, CommandOrigin.Policy, "policy").ErrorCode);
        Assert.True(rig.State(1).Locked);
        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);
        rig.Run(RejectionDigest.Interval + TimeSpan.FromSeconds(1));
        Assert.Equal([1, 2], rig.EventsOf(EventTypes.CommandRejected, 1).Select(e => (int?)e.Detail?["count"]));
    }

    [Fact]
    public void OnSnapshot_ShortOnLockedSlot_ProtectionStillTrips()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Execute(1, SlotAction.Lock);

        rig.Chassis.Slot(1).InjectShort(4.0);
        rig.Run(TimeSpan.FromSeconds(1));

        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Equal(FaultCodes.Overcurrent, rig.State(1).Fault?.Code);
    }

    [Fact]
    public void Execute_PolicyOriginOnManualSlot_Refused()
    {
        using var rig = new SimulatedRig(slots: 1);

        Assert.False(rig.Execute(1, SlotAction.On, CommandOrigin.Policy, "policy").Ok);
        rig.Execute(1, SlotAction.SetPolicy, policy: SlotPolicy.Auto);
        Assert.True(rig.Execute(1, SlotAction.On, CommandOrigin.Policy, "policy").Ok);
        Assert.Single(rig.EventsOf(EventTypes.PolicyChanged, 1));
    }

    [Fact]
    public void Execute_UnknownSlot_UnknownTarget()
    {
        using var rig = new SimulatedRig(slots: 2);

        Assert.Equal(ErrorCodes.UnknownTarget, rig.Execute(9, SlotAction.On).ErrorCode);
    }
}
