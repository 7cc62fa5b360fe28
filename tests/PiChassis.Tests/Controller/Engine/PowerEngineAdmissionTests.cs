using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEngineAdmissionTests
{
    [Fact]
    public void Execute_AllSlotsOnAtOnce_StaysWithinBudgetQueuesAndStaggers()
    {
        using var rig = new SimulatedRig(slots: 8, power: p =>
        {
            p.PsuBudgetW = 30;
            p.HeadroomW = 2;
        });
        var budget = rig.Power.PsuBudgetW;

        var results = Enumerable.Range(1, 8).Select(n => rig.Execute(n, SlotAction.On)).ToList();

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
        Assert.All(Enumerable.Range(2, 7), n => Assert.Equal(SlotPhase.Queued, rig.State(n).Phase));
        var peak = 0.0;

        // What the sweeps read: a relay closes right after one, and its 20 ms inrush is over by the next.
        rig.Run(TimeSpan.FromMinutes(5), snapshot => peak = Math.Max(peak, snapshot.Slots.Sum(s => s.PowerW)));

        Assert.True(peak <= budget, $"the boards drew {peak:F2} W at peak, over the {budget} W budget");
        var powerOns = rig.EventsOf(EventTypes.PowerOn).Select(e => e.At).ToList();
        Assert.Equal(8, powerOns.Count);
        Assert.All(powerOns.Zip(powerOns.Skip(1)), p => Assert.True(p.Second - p.First >= rig.Power.MinStaggerInterval));
        Assert.All(rig.Engine.States, s => Assert.Equal(SlotPhase.On, s.Phase));
    }

    [Fact]
    public void Execute_SlotThatCanNeverFit_BudgetExceeded()
    {
        using var rig = new SimulatedRig(power: p =>
        {
            p.PsuBudgetW = 8;
            p.HeadroomW = 2;
            p.DefaultBootPeakW = 6.5;
        });

        var result = rig.Execute(1, SlotAction.On);

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.BudgetExceeded, result.ErrorCode);
        Assert.Equal(SlotPhase.Off, rig.State(1).Phase);
        Assert.Single(rig.EventsOf(EventTypes.CommandRejected, 1));
    }

    [Fact]
    public void OnSnapshot_BootWithoutAgent_EndsWhenCurrentSettles()
    {
        using var rig = new SimulatedRig(slots: 1);
        rig.Heartbeats = false;
        rig.Execute(1, SlotAction.On);

        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.On, TimeSpan.FromSeconds(60)));

        // The Pi 4B model settles after ~25 s of boot curve; the engine must not call it on before that.
        Assert.True(rig.Time.GetUtcNow() - SimulatedRig.Start >= TimeSpan.FromSeconds(25));
        Assert.Equal("settled", rig.EventsOf(EventTypes.PhaseChanged, 1)[^1].Source);
    }

    [Fact]
    public void OnHeartbeat_DuringBoot_EndsBoot()
    {
        using var rig = new SimulatedRig(slots: 1);
        rig.Execute(1, SlotAction.On);

        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.On, TimeSpan.FromSeconds(60)));

        Assert.Equal("heartbeat", rig.EventsOf(EventTypes.PhaseChanged, 1)[^1].Source);
    }

    [Fact]
    public void OnSnapshot_AfterMeasuredBoots_ReservesLearnedPeak()
    {
        using var rig = new SimulatedRig(slots: 2, power: p =>
        {
            p.PsuBudgetW = 11;
            p.HeadroomW = 0;
            p.DefaultBootPeakW = 10;
        });
        rig.Execute(1, SlotAction.On);
        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));
        rig.Execute(1, SlotAction.ForceOff);
        rig.Execute(2, SlotAction.On);
        Assert.True(rig.RunUntil(() => rig.State(2).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));

        // Beside slot 2's idle draw, the default 10 W reservation would not fit; slot 1's own
        // learned boot peak (a Pi 4 peaks near 6 W) does.
        rig.Execute(1, SlotAction.On);
        rig.Run(TimeSpan.FromSeconds(1));

        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
    }
}
