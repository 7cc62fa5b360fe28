using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public class SimulatedNodeTests
{
    [Fact]
    public void Advance_ThroughBoot_IsUpOnlyOnceRunning()
    {
        var node = new SimulatedNode(PiProfile.Pi4B);
        Assert.Equal(NodePhase.Unpowered, node.Phase);

        node.PowerOn();
        node.Advance(24.9);
        Assert.Equal(NodePhase.Booting, node.Phase);
        Assert.False(node.IsUp);

        node.Advance(0.1);
        Assert.Equal(NodePhase.Running, node.Phase);
        Assert.True(node.IsUp);
        Assert.Equal(25, node.UptimeS, 9);
    }

    [Fact]
    public void PowerW_RunningWithLoad_IsIdlePlusLoadShare()
    {
        var node = Running(PiProfile.Pi4B);

        node.SetLoad(0.25);

        Assert.Equal(2.7 + (0.25 * (6.4 - 2.7)), node.PowerW, 12);
    }

    [Fact]
    public void Halt_WhenRunning_DrawFallsToHaltedPlateau()
    {
        var node = Running(PiProfile.Pi4B);
        node.SetLoad(1);

        Assert.True(node.Halt());
        node.Advance(2);
        Assert.Equal(NodePhase.Halting, node.Phase);
        Assert.Equal((6.4 + 0.6) / 2, node.PowerW, 9);
        Assert.False(node.IsUp);

        node.Advance(2);
        Assert.Equal(NodePhase.Halted, node.Phase);
        Assert.Equal(0.6, node.PowerW, 12);
        Assert.Equal(0.6 * 3600, node.Advance(3600), 6);
        Assert.Equal(NodePhase.Halted, node.Phase);
    }

    [Fact]
    public async Task Advance_HaltEndingWhereSubtractionRoundsDown_ReachesHalted()
    {
        // (2044.053093166581 + 4) - 2044.053093166581 is 3.99999999999977 in doubles: the halt used to never end.
        var node = new SimulatedNode(PiProfile.Pi4B);
        node.PowerOn();
        node.Advance(2044.053093166581);
        Assert.True(node.Halt());

        // A hang shows as a TimeoutException instead of a test run that never ends.
        await Task.Run(() => node.Advance(10)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(NodePhase.Halted, node.Phase);
        Assert.Equal(2054.053093166581, node.UptimeS, 9);
    }

    [Fact]
    public void Halt_WhenBooting_IsRefused()
    {
        var node = new SimulatedNode(PiProfile.Pi4B);
        node.PowerOn();
        node.Advance(5);

        Assert.False(node.Halt());
        Assert.Equal(NodePhase.Booting, node.Phase);
    }

    [Fact]
    public void PowerOff_Running_ForgetsLoadAndUptime()
    {
        var node = Running(PiProfile.Pi4B);
        node.SetLoad(0.5);

        node.PowerOff();

        Assert.Equal(NodePhase.Unpowered, node.Phase);
        Assert.Equal(0, node.PowerW);
        Assert.Equal(0, node.LoadFraction);
        Assert.Equal(0, node.UptimeS);
        Assert.Equal(0, node.Advance(10));
    }

    [Fact]
    public void Advance_ManySmallSteps_SameEnergyAsOneStep()
    {
        var oneStep = new SimulatedNode(PiProfile.Pi4B);
        var manySteps = new SimulatedNode(PiProfile.Pi4B);
        oneStep.PowerOn();
        manySteps.PowerOn();

        var whole = oneStep.Advance(40);
        var parts = Enumerable.Range(0, 1081).Sum(_ => manySteps.Advance(0.037)) + manySteps.Advance(40 - (1081 * 0.037));

        Assert.Equal(whole, parts, 9);
        Assert.Equal(PiProfile.Pi4B.BootEnergyJ(0, 25) + (15 * 2.7), whole, 9);
    }

    [Fact]
    public void SetLoad_OutOfRange_Throws()
    {
        var node = new SimulatedNode(PiProfile.Pi4B);

        Assert.Throws<ArgumentOutOfRangeException>(() => node.SetLoad(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => node.SetLoad(-0.1));
    }

    [Fact]
    public void Restore_HaltedLongAgo_IsHaltedAtItsPlateau()
    {
        var node = SimulatedNode.Restore(PiProfile.Pi4B, uptimeS: 100, haltRequestedAtUptimeS: 50, haltStartW: 3, loadFraction: 0);

        Assert.Equal(NodePhase.Halted, node.Phase);
        Assert.Equal(0.6, node.PowerW, 12);
    }

    [Fact]
    public void Restore_MidBoot_FollowsTheCurve()
    {
        var node = SimulatedNode.Restore(PiProfile.Pi4B, uptimeS: 3, haltRequestedAtUptimeS: null, haltStartW: 0, loadFraction: 0);

        Assert.Equal(NodePhase.Booting, node.Phase);
        Assert.Equal(PiProfile.Pi4B.BootPowerW(3), node.PowerW, 12);
    }

    private static SimulatedNode Running(PiProfile profile)
    {
        var node = new SimulatedNode(profile);
        node.PowerOn();
        node.Advance(profile.BootDurationS + 1);
        return node;
    }
}
