using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

/// <summary>
/// A slot shed for heat is held off until protection releases it (issue 15): nobody else powers
/// it on meanwhile, and the chassis brings its slots back one at a time once cool.
/// </summary>
public class PowerEngineHoldTests
{
    private const double Hot = 67;
    private const double InsideTheBand = 62;
    private const double Cool = 40;

    [Theory]
    [InlineData(SlotAction.On, CommandOrigin.Button)]
    [InlineData(SlotAction.On, CommandOrigin.Remote)]
    [InlineData(SlotAction.On, CommandOrigin.Policy)]
    [InlineData(SlotAction.On, CommandOrigin.Controller)]
    [InlineData(SlotAction.Cycle, CommandOrigin.Remote)]
    [InlineData(SlotAction.Cycle, CommandOrigin.Watchdog)]
    [InlineData(SlotAction.Restart, CommandOrigin.Remote)]
    [InlineData(SlotAction.Restart, CommandOrigin.Watchdog)]
    public void Execute_PowerOnHeldSlot_RefusedWithHeld(SlotAction action, CommandOrigin origin)
    {
        using var rig = FourSlotChassis();
        Shed(rig, 1);
        rig.Execute(4, SlotAction.SetPolicy, policy: SlotPolicy.Auto);

        var result = rig.Execute(4, action, origin);
        rig.Run(TimeSpan.FromMinutes(2));

        Assert.False(rig.Chassis.Slot(4).RelayInputClosed);
        Assert.Equal(ErrorCodes.Held, result.ErrorCode);
        Assert.EndsWith("released below 60.0 °C", result.Message, StringComparison.Ordinal);
        Assert.StartsWith("held off by protection: chassis at 62.", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, rig.State(4).RelayCycles);
        var rejected = Assert.Single(rig.EventsOf(EventTypes.CommandRejected, 4));
        Assert.Equal(ErrorCodes.Held, rejected.Detail!["code"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_OffThenOnHeldSlot_StaysHeldAndIsReleasedWithoutPower()
    {
        using var rig = FourSlotChassis();
        Shed(rig, 1);

        var off = rig.Execute(4, SlotAction.Off, CommandOrigin.Remote, "slurm");
        var forceOff = rig.Execute(4, SlotAction.ForceOff, CommandOrigin.Button, "button");
        var on = rig.Execute(4, SlotAction.On, CommandOrigin.Remote, "slurm");

        Assert.True(off.Ok);
        Assert.True(forceOff.Ok);
        Assert.Equal(ErrorCodes.Held, on.ErrorCode);
        Assert.True(rig.State(4).Held);

        // Cool again, protection lets it go, but it was switched off meanwhile: it stays off.
        rig.Chassis.AmbientC = Cool;
        Assert.True(rig.RunUntil(() => rig.EventsOf(EventTypes.ShedReleased, 4).Count == 1, TimeSpan.FromMinutes(2)));
        rig.Run(TimeSpan.FromMinutes(2));
        var released = rig.EventsOf(EventTypes.ShedReleased, 4)[0];
        Assert.False(released.Detail!["power_on"]!.GetValue<bool>());
        Assert.False(rig.State(4).Held);
        Assert.Equal(SlotPhase.Off, rig.State(4).Phase);
        Assert.Empty(rig.EventsOf(EventTypes.PowerOn, 4));
    }

    [Fact]
    public void SetPolicy_AlwaysOnOnHeldSlot_RefusedAndPoweredOnceReleased()
    {
        using var rig = FourSlotChassis();
        Shed(rig, 1);
        rig.Execute(4, SlotAction.Off);

        var alwaysOn = rig.Execute(4, SlotAction.SetPolicy, policy: SlotPolicy.AlwaysOn);
        rig.Run(TimeSpan.FromMinutes(2));

        Assert.Equal(ErrorCodes.Held, alwaysOn.ErrorCode);
        Assert.Equal(SlotPolicy.AlwaysOn, rig.State(4).Policy);
        Assert.False(rig.Chassis.Slot(4).RelayInputClosed);
        rig.Chassis.AmbientC = Cool;
        Assert.True(rig.RunUntil(() => rig.State(4).Phase == SlotPhase.On, TimeSpan.FromMinutes(3)));
        Assert.True(rig.EventsOf(EventTypes.ShedReleased, 4)[0].Detail!["power_on"]!.GetValue<bool>());
    }

    [Fact]
    public void OnSnapshot_Cooled_ReleasesHighestPriorityFirstAndOnlyWhileBelowTheReleaseLevel()
    {
        using var rig = FourSlotChassis();
        Shed(rig, 2);
        rig.Run(TimeSpan.FromMinutes(5));
        Assert.Equal([3, 4], rig.Engine.States.Where(s => s.Held).Select(s => s.Slot));

        rig.Chassis.AmbientC = Cool;
        Assert.True(rig.RunUntil(() => rig.EventsOf(EventTypes.ShedReleased).Count == 1, TimeSpan.FromMinutes(1)));
        var first = rig.EventsOf(EventTypes.ShedReleased)[0];
        Assert.Equal(3, first.Slot);
        Assert.True(first.Detail!["power_on"]!.GetValue<bool>());
        Assert.True(first.Detail["temperature_c"]!.GetValue<double>() < 60);
        Assert.Equal(60, first.Detail["release_below_c"]!.GetValue<double>());

        // Warm again inside the band: the next slot waits, however long.
        rig.Chassis.AmbientC = InsideTheBand;
        rig.Run(TimeSpan.FromMinutes(3));
        Assert.Single(rig.EventsOf(EventTypes.ShedReleased));
        Assert.True(rig.State(4).Held);

        rig.Chassis.AmbientC = Cool;
        Assert.True(rig.RunUntil(() => rig.EventsOf(EventTypes.ShedReleased).Count == 2, TimeSpan.FromMinutes(2)));
        rig.Run(TimeSpan.FromMinutes(1));
        Assert.Equal(4, rig.EventsOf(EventTypes.ShedReleased)[1].Slot);
        Assert.All(rig.Chassis.Slots, s => Assert.True(s.RelayInputClosed));
        Assert.Equal([3, 4], rig.EventsOf(EventTypes.PowerOn).Select(e => e.Slot!.Value));
    }

    [Fact]
    public void OnSnapshot_CooledForGood_NextSlotComesBackAnIntervalLater()
    {
        using var rig = FourSlotChassis();
        Shed(rig, 2);
        rig.Chassis.AmbientC = Cool;

        rig.Run(TimeSpan.FromMinutes(3));

        var released = rig.EventsOf(EventTypes.ShedReleased);
        Assert.Equal([3, 4], released.Select(e => e.Slot!.Value));
        Assert.True(released[1].At - released[0].At >= rig.Protection.TemperatureShedInterval);
        var powerOns = rig.EventsOf(EventTypes.PowerOn);
        Assert.True(powerOns[1].At - powerOns[0].At >= rig.Protection.TemperatureShedInterval, "heat follows power slowly: the second slot comes back an interval later");
    }

    [Fact]
    public void Persisted_HeldSlot_KeepsTheHoldAndWhetherItComesBackOn()
    {
        using var rig = FourSlotChassis();
        Shed(rig, 1);

        var shed = rig.Engine.Persisted(4);
        rig.Execute(4, SlotAction.Off);
        var switchedOff = rig.Engine.Persisted(4);

        Assert.True(shed.ShedForHeat);
        Assert.True(shed.DesiredOn);
        Assert.True(switchedOff.ShedForHeat);
        Assert.False(switchedOff.DesiredOn);
    }

    /// <summary>Four running slots, slot 1 the most important, slot 4 the least; the air is the ambient.</summary>
    private static SimulatedRig FourSlotChassis()
    {
        var rig = new SimulatedRig(slots: 4, startPowered: true, model: ChassisAir.FollowsAmbient, chassis: c =>
        {
            for (var n = 1; n <= 4; n++)
            {
                c.Slots.Add(new() { Slot = n, Priority = 10 * (5 - n) });
            }
        });
        rig.Run(TimeSpan.FromSeconds(1));
        return rig;
    }

    /// <summary>Heats the chassis until protection has shed <paramref name="count"/> slots, then keeps it inside the hysteresis band.</summary>
    private static void Shed(SimulatedRig rig, int count)
    {
        rig.Chassis.AmbientC = Hot;
        Assert.True(rig.RunUntil(() => rig.Engine.States.Count(s => s.Held) == count, TimeSpan.FromMinutes(count + 1)));
        rig.Chassis.AmbientC = InsideTheBand;
        rig.Run(TimeSpan.FromSeconds(10));
    }
}
