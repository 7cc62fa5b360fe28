using PiChassis.Controller.Engine;
using PiChassis.Shared.Json;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEngineWearAndWatchdogTests
{
    [Fact]
    public void Execute_RapidCycles_RefusedByWearGuard()
    {
        using var rig = new SimulatedRig(slots: 1, power: p => p.MaxCyclesPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(rig.Execute(1, SlotAction.Cycle).Ok);
            Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.Booting, TimeSpan.FromSeconds(10)));
        }

        var refused = rig.Execute(1, SlotAction.Cycle);

        Assert.Equal(ErrorCodes.RateLimited, refused.ErrorCode);
        var firstPowerOn = rig.EventsOf(EventTypes.PowerOn, 1)[0].At;
        Assert.EndsWith($"the next is allowed at {UtcMillisecondsConverter.ToText(firstPowerOn.AddHours(1))}", refused.Message, StringComparison.Ordinal);
        Assert.True(rig.Chassis.Slot(1).RelayInputClosed, "a refused cycle must not cut the slot");
        Assert.Equal(3, rig.State(1).RelayCycles);

        rig.Run(TimeSpan.FromHours(1));
        Assert.True(rig.Execute(1, SlotAction.Cycle).Ok);
    }

    [Fact]
    public void OnSnapshot_SilentNode_WatchdogRestartsThenCyclesThenQuarantines()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true, watchdog: w =>
        {
            w.Slots.Add(1);
            w.HeartbeatTimeout = TimeSpan.FromSeconds(60);
            w.MaxAttempts = 2;
        });
        rig.SilentNodes.Add(1);

        rig.Run(TimeSpan.FromMinutes(10));

        var actions = rig.EventsOf(EventTypes.WatchdogAction, 1).Select(e => e.Detail!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["restart", "cycle", "quarantine"], actions);
        Assert.Equal(FaultCodes.WatchdogExhausted, rig.State(1).Fault?.Code);
        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Empty(rig.EventsOf(EventTypes.WatchdogAction, 2));
        Assert.True(rig.Chassis.Slot(2).RelayInputClosed);
    }

    [Fact]
    public void OnSnapshot_NodeWithHeartbeats_WatchdogStaysQuiet()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true, watchdog: w => w.Slots.Add(1));

        rig.Run(TimeSpan.FromMinutes(10));

        Assert.Empty(rig.EventsOf(EventTypes.WatchdogAction));
    }
}
