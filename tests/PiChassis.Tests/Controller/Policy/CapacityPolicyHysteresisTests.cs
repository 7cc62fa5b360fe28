using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyHysteresisTests
{
    [Fact]
    public void Evaluate_SquareWaveDemand_NoFlapping()
    {
        using var p = new PolicyRig(8);

        RunSquareWave(p, high: 4, low: 1, halfPeriod: TimeSpan.FromMinutes(2), cycles: 10);

        Assert.Equal(5, p.Rig.EventsOf(EventTypes.PowerOn).Count);
        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOff));
    }

    [Fact]
    public void Evaluate_SquareWaveWithoutHysteresisOrTimeouts_Flaps()
    {
        // The same wave with every brake released: shows the test above can see flapping.
        using var p = new PolicyRig(8, o =>
        {
            o.IdleTimeout = TimeSpan.Zero;
            o.MinOnTime = TimeSpan.Zero;
            o.Hysteresis = TimeSpan.Zero;
        });

        RunSquareWave(p, high: 4, low: 1, halfPeriod: TimeSpan.FromMinutes(2), cycles: 10);

        Assert.True(p.Rig.EventsOf(EventTypes.PowerOff).Count >= 20);
    }

    [Fact]
    public void Evaluate_DemandGone_IdleSlotsOffAfterHysteresisAndIdleTimeout()
    {
        using var p = new PolicyRig(8);
        RunSquareWave(p, high: 4, low: 1, halfPeriod: TimeSpan.FromMinutes(2), cycles: 3);
        p.Demand = 4;
        p.Policy.SetTarget(4, 1, "test");
        p.Run(TimeSpan.FromMinutes(2));
        p.Demand = 0;
        p.Policy.SetTarget(0, 1, "test");
        var droppedAt = p.Rig.Time.GetUtcNow();

        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.Off).Count() == 7, TimeSpan.FromMinutes(15)));

        var firstOff = p.Rig.EventsOf(EventTypes.PowerOff)[0].At;
        Assert.True(firstOff - droppedAt >= p.Options.Hysteresis, $"first off {firstOff - droppedAt} after the drop");
    }

    [Fact]
    public void Evaluate_MinSpare_SparesKeptIdleAndFollowTheBusyNodes()
    {
        using var p = new PolicyRig(8);
        p.Demand = 2;
        p.Policy.SetTarget(2, 2, "test");
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 4, TimeSpan.FromMinutes(4)));

        p.Run(TimeSpan.FromMinutes(30));
        Assert.Equal(4, p.SlotsIn(SlotPhase.On).Count());
        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOff));

        // A third node gets work on a spare: once that work has lasted the spare delay, another spare comes up.
        p.Demand = 3;
        p.Run(p.Options.SpareDelay - TimeSpan.FromSeconds(5));
        Assert.Equal(4, p.Running);
        Assert.True(p.RunUntil(() => p.SlotsIn(SlotPhase.On).Count() == 5, TimeSpan.FromMinutes(1)));
        Assert.Equal(5, p.Policy.Status().Wanted);
    }

    [Fact]
    public void Evaluate_SpikeShorterThanSpareDelay_ServedFromTheSpareWithoutAnother()
    {
        using var p = new PolicyRig(8);
        p.Demand = 1;
        p.Policy.SetTarget(1, 1, "test");
        p.Run(TimeSpan.FromMinutes(3));
        Assert.Equal(2, p.SlotsIn(SlotPhase.On).Count());
        var powerOns = p.Rig.EventsOf(EventTypes.PowerOn).Count;

        p.Demand = 2;
        p.Run(TimeSpan.FromSeconds(45));
        p.Demand = 1;
        p.Run(TimeSpan.FromMinutes(20));

        Assert.Equal(powerOns, p.Rig.EventsOf(EventTypes.PowerOn).Count);
        Assert.Equal(2, p.SlotsIn(SlotPhase.On).Count());
    }

    [Fact]
    public void Evaluate_TargetBelowBusyNodes_BusyNodesStayOn()
    {
        using var p = new PolicyRig(4);
        p.Demand = 2;
        p.Policy.SetTarget(2, 0, "test");
        p.Run(TimeSpan.FromMinutes(10));

        p.Policy.SetTarget(0, 0, "test");
        p.Run(TimeSpan.FromMinutes(30));

        Assert.Equal(2, p.SlotsIn(SlotPhase.On).Count());
        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOff));
        p.Demand = 0;
        Assert.True(p.RunUntil(() => p.Running == 0, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Evaluate_TargetDropsWhileBooting_BootFinishesBeforeAnyOff()
    {
        using var p = new PolicyRig(2);
        p.Policy.SetTarget(1, 0, "test");
        p.Run(TimeSpan.FromSeconds(5));
        Assert.Contains(p.Rig.State(1).Phase, new[] { SlotPhase.Queued, SlotPhase.Booting });

        p.Policy.SetTarget(0, 0, "test");
        Assert.True(p.RunUntil(() => p.Rig.State(1).Phase == SlotPhase.Off, TimeSpan.FromMinutes(15)));

        var phases = p.Rig.EventsOf(EventTypes.PhaseChanged, 1).Select(e => e.Detail!["to"]!.GetValue<string>()).ToList();
        Assert.Equal(["queued", "booting", "on", "shutting_down", "off"], phases);
        var on = p.Rig.EventsOf(EventTypes.PowerOn, 1)[0].At;
        var off = p.Rig.EventsOf(EventTypes.PowerOff, 1)[0].At;
        Assert.True(off - on >= p.Options.MinOnTime, $"off {off - on} after power-on");
    }

    private static void RunSquareWave(PolicyRig p, int high, int low, TimeSpan halfPeriod, int cycles)
    {
        for (var i = 0; i < cycles * 2; i++)
        {
            p.Demand = i % 2 == 0 ? high : low;
            p.Policy.SetTarget(p.Demand, 1, "test");
            p.Run(halfPeriod);
        }
    }
}
