using CsCheck;
using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEngineInrushTests
{
    private static readonly PiProfile[] Boards = [PiProfile.Pi3BPlus, PiProfile.Pi4B, PiProfile.Pi5];

    [Fact]
    public void Admit_WaveOf16WithRoom_PowersOnePerSweepOnceTheFirstSweepShowsTheSurgeOver()
    {
        using var rig = new SimulatedRig(slots: 16, model: m => m.PsuRatedW = 150, power: p => p.PsuBudgetW = 140);

        Wave(rig);
        rig.Run(TimeSpan.FromSeconds(5));

        // Each slot's surge (20 ms) is over at the first sweep after its relay closed: the next goes then.
        var powerOns = rig.EventsOf(EventTypes.PowerOn).Select(e => e.At).ToList();
        Assert.Equal(16, powerOns.Count);
        Assert.All(powerOns.Zip(powerOns.Skip(1)), p => Assert.Equal(rig.Sampling.Interval, p.Second - p.First));
        Assert.All(Enumerable.Range(1, 16), n => Assert.Equal(rig.Sampling.Interval, rig.Engine.Persisted(n).LearnedInrush));
    }

    [Fact]
    public void Admit_SurgeNotSeenToEnd_WaitsTheStaggerInterval()
    {
        // Reserving less than a Pi 4B boots at, its draw never comes back within the reservation.
        using var rig = new SimulatedRig(slots: 2, power: p => p.DefaultBootPeakW = 1);

        Wave(rig);
        rig.Run(TimeSpan.FromSeconds(5));

        var powerOns = rig.EventsOf(EventTypes.PowerOn).Select(e => e.At).ToList();
        Assert.Equal(rig.Power.StaggerInterval, powerOns[1] - powerOns[0]);
        Assert.Equal(rig.Power.StaggerInterval, rig.Engine.Persisted(1).LearnedInrush);
    }

    [Fact]
    public void Admit_BeforeTheFirstSweep_WaitsTheStaggerIntervalNotTheFloor()
    {
        using var rig = new SimulatedRig(slots: 3, power: p => p.StaggerInterval = TimeSpan.FromSeconds(1));
        rig.Sampling.Interval = TimeSpan.FromSeconds(5);

        // Commands admit between sweeps: slot 1's surge is not measured yet when slot 2 and 3 ask.
        rig.Execute(1, SlotAction.On);
        rig.Time.Advance(TimeSpan.FromMilliseconds(500));
        rig.Execute(2, SlotAction.On);
        var halfway = rig.State(2).Phase;
        rig.Time.Advance(TimeSpan.FromMilliseconds(500));
        rig.Execute(3, SlotAction.On);

        Assert.Equal(SlotPhase.Queued, halfway);
        Assert.Null(rig.Engine.Persisted(1).LearnedInrush);
        Assert.Equal(SlotPhase.Booting, rig.State(2).Phase);
        Assert.Equal(SlotPhase.Queued, rig.State(3).Phase);
    }

    [Fact]
    public void WatchInrush_SweepsFasterThanTheSurge_LearnsItsLengthAndNotItAsBootPeak()
    {
        using var rig = new SimulatedRig(slots: 1, power: p => p.MinStaggerInterval = TimeSpan.Zero);
        rig.Sampling.Interval = TimeSpan.FromMilliseconds(10);

        rig.Execute(1, SlotAction.On);
        Assert.True(rig.RunUntil(() => rig.State(1).Phase == SlotPhase.On, TimeSpan.FromMinutes(1)));
        var learned = rig.Engine.Persisted(1);

        // The 20 ms surge shows in the 10 ms sweeps; it ends by the sweep at 20 or 30 ms.
        Assert.InRange(learned.LearnedInrush!.Value, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30));
        Assert.InRange(learned.LearnedBootPeakW!.Value, PiProfile.Pi4B.PeakBootW - 0.2, PiProfile.Pi4B.PeakBootW + 0.2);
        Assert.Null(rig.State(1).Fault);
    }

    [Fact]
    public void Restore_LearnedInrush_SpacesTheNextPowerOnAsMeasuredBefore()
    {
        var stored = new PersistedSlot(1, "node01", SlotPhase.Off, false, SlotPolicy.Manual, false, null, 0, null, false, TimeSpan.FromMilliseconds(500));
        using var rig = new SimulatedRig(slots: 2);
        rig.Engine.Restore(stored);
        rig.Engine.StartUp();

        Wave(rig);
        rig.Run(TimeSpan.FromSeconds(2));

        // This boot measures 100 ms; learned leaning on it but remembering the longer 500 ms: 300 ms.
        var powerOns = rig.EventsOf(EventTypes.PowerOn).Select(e => e.At).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(300), powerOns[1] - powerOns[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(300), rig.Engine.Persisted(1).LearnedInrush);
    }

    [Fact]
    public void Admit_WaveOf16_BusNeverUndervoltsBetweenSweeps()
    {
        using var rig = new SimulatedRig(slots: 16);
        var lowest = double.MaxValue;

        Wave(rig);
        for (var end = rig.Time.GetUtcNow() + TimeSpan.FromSeconds(60); rig.Time.GetUtcNow() < end;)
        {
            lowest = Math.Min(lowest, LowestBusBeforeNextSweep(rig));
            rig.Engine.OnSnapshot(rig.Sampler.Sweep());
        }

        Assert.True(lowest >= rig.Protection.UndervoltageV, $"the bus fell to {lowest:F3} V");
        Assert.Empty(rig.EventsOf(EventTypes.LoadShed));
        Assert.True(rig.Engine.States.Count(s => s.Phase == SlotPhase.On) >= 8);
    }

    [Fact]
    public void Admit_RandomBudgetsAndBoards_NeverOverBudgetAndSurgesNeverOverlap()
    {
        var gen = Gen.Select(Gen.Double[8, 130], Gen.Double[1, 5], Gen.Int[0, Boards.Length - 1], Gen.OneOf<int>(50, 100, 250, 1000));
        gen.Sample((budget, headroom, board, intervalMs) =>
        {
            var profile = Boards[board];
            using var rig = new SimulatedRig(
                slots: 16,
                model: m => (m.DefaultBoard, m.PsuRatedW) = (profile, 150),
                power: p => (p.PsuBudgetW, p.HeadroomW, p.DefaultBootPeakW) = (budget, headroom, profile.PeakBootW * 1.1));
            rig.Sampling.Interval = TimeSpan.FromMilliseconds(intervalMs);
            var peak = 0.0;

            Wave(rig);
            rig.Run(TimeSpan.FromSeconds(45), s => peak = Math.Max(peak, s.Slots.Sum(slot => slot.PowerW)));

            var powerOns = rig.EventsOf(EventTypes.PowerOn).Select(e => e.At).ToList();

            // The headroom takes what admission cannot know: idle draws read a little higher as the bus sags.
            Assert.True(peak <= budget, $"the sweeps read {peak:F2} W, over the {budget:F2} W budget");
            Assert.Equal(budget - headroom >= profile.PeakBootW * 1.1, powerOns.Count > 0);
            Assert.All(powerOns.Zip(powerOns.Skip(1)), p => Assert.True((p.Second - p.First).TotalSeconds >= profile.InrushS));
        }, iter: 24, threads: 1);
    }

    /// <summary>Every slot asked on at once, as a wave reaches the chassis.</summary>
    private static void Wave(SimulatedRig rig)
    {
        foreach (var state in rig.Engine.States)
        {
            rig.Execute(state.Slot, SlotAction.On);
        }
    }

    /// <summary>Lets one sweep interval pass a millisecond at a time, reading the bus as a scope would.</summary>
    private static double LowestBusBeforeNextSweep(SimulatedRig rig)
    {
        var lowest = rig.Chassis.BusVoltageV;
        for (var passed = TimeSpan.Zero; passed < rig.Sampling.Interval; passed += TimeSpan.FromMilliseconds(1))
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(1));
            lowest = Math.Min(lowest, rig.Chassis.BusVoltageV);
        }

        return lowest;
    }
}
