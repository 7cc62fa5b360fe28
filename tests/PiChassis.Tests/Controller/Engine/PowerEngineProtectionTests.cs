using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEngineProtectionTests
{
    [Fact]
    public void OnSnapshot_ShortOnOneSlot_TripsThatSlotAloneWithinSamplePlusDwell()
    {
        using var rig = new SimulatedRig(slots: 4, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));

        // The short starts between two samples, the worst case for latency.
        rig.Time.Advance(TimeSpan.FromMilliseconds(30));
        rig.Chassis.Slot(3).InjectShort(4.0);
        var shortAt = rig.Time.GetUtcNow();
        Assert.True(rig.RunUntil(() => !rig.Chassis.Slot(3).RelayInputClosed, TimeSpan.FromSeconds(2)));

        var latency = rig.Time.GetUtcNow() - shortAt;
        Assert.True(latency <= rig.Sampling.Interval + rig.Protection.OvercurrentDwell, $"tripped after {latency.TotalMilliseconds} ms");
        Assert.Equal(FaultCodes.Overcurrent, rig.State(3).Fault?.Code);
        Assert.Equal(SlotPhase.Fault, rig.State(3).Phase);
        Assert.All(new[] { 1, 2, 4 }, n => Assert.True(rig.Chassis.Slot(n).RelayInputClosed));
        var trip = Assert.Single(rig.EventsOf(EventTypes.FaultTrip, 3));
        Assert.Equal("overcurrent", trip.Detail!["code"]!.GetValue<string>());
    }

    [Fact]
    public void OnSnapshot_NextReadingAFewMsEarly_StillTripsOnTheSecondReading()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        rig.Chassis.Slot(1).InjectShort(4.0);
        rig.Step();
        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);

        // Real timers fire on a coarse clock: the next reading comes 3 ms before a full dwell.
        rig.Time.Advance(rig.Protection.OvercurrentDwell - TimeSpan.FromMilliseconds(3));
        rig.Engine.OnSnapshot(rig.Sampler.Sweep());

        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Equal(FaultCodes.Overcurrent, rig.State(1).Fault?.Code);
    }

    [Fact]
    public void OnSnapshot_FirstReadingHandledLate_DwellTimedFromTheReading()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        rig.Chassis.Slot(1).InjectShort(4.0);

        // The engine loop gets to the first reading over the limit 40 ms after it was taken.
        rig.Time.Advance(rig.Sampling.Interval);
        var first = rig.Sampler.Sweep();
        rig.Time.Advance(TimeSpan.FromMilliseconds(40));
        rig.Engine.OnSnapshot(first);
        rig.Time.Advance(rig.Sampling.Interval - TimeSpan.FromMilliseconds(40));
        rig.Engine.OnSnapshot(rig.Sampler.Sweep());

        Assert.False(rig.Chassis.Slot(1).RelayInputClosed);
    }

    [Fact]
    public void OnSnapshot_OneInrushReadingAfterASweepHeldUp_DoesNotTrip()
    {
        using var rig = new SimulatedRig(slots: 1);
        rig.Run(TimeSpan.FromSeconds(1));

        // A loaded machine holds the sampler up for 600 ms; the next reading lands in the boot's inrush.
        rig.Time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(rig.Execute(1, SlotAction.On).Ok);
        rig.Time.Advance(TimeSpan.FromMilliseconds(5));
        var inrush = rig.Sampler.Sweep();
        Assert.True(inrush.Slots[0].CurrentA > rig.Protection.OvercurrentA, $"the reading is {inrush.Slots[0].CurrentA:F2} A");
        rig.Engine.OnSnapshot(inrush);
        rig.Run(TimeSpan.FromSeconds(2));

        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Null(rig.State(1).Fault);
    }

    [Fact]
    public void OnSnapshot_OffAndOnBetweenTwoSweepsEachInAnInrush_DoesNotTrip()
    {
        using var rig = new SimulatedRig(slots: 1, power: p =>
        {
            p.MinOffTime = TimeSpan.Zero;
            p.StaggerInterval = TimeSpan.Zero;
            p.MinStaggerInterval = TimeSpan.Zero;
        });
        rig.Run(TimeSpan.FromSeconds(1));
        Assert.True(rig.Execute(1, SlotAction.On).Ok);
        rig.Time.Advance(TimeSpan.FromMilliseconds(5));
        rig.Engine.OnSnapshot(rig.Sampler.Sweep());

        // Switched off and on again before the next sweep, which reads the second power-on's inrush.
        rig.Time.Advance(rig.Sampling.Interval - TimeSpan.FromMilliseconds(10));
        Assert.True(rig.Execute(1, SlotAction.ForceOff).Ok);
        Assert.True(rig.Execute(1, SlotAction.On).Ok);
        rig.Time.Advance(TimeSpan.FromMilliseconds(5));
        var second = rig.Sampler.Sweep();
        Assert.True(second.Slots[0].CurrentA > rig.Protection.OvercurrentA, $"the reading is {second.Slots[0].CurrentA:F2} A");
        rig.Engine.OnSnapshot(second);
        rig.Run(TimeSpan.FromSeconds(2));

        Assert.True(rig.Chassis.Slot(1).RelayInputClosed);
        Assert.Null(rig.State(1).Fault);
    }

    [Fact]
    public void Execute_OnWithLatchedFault_RefusedUntilCleared()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Chassis.Slot(1).InjectShort(4.0);
        rig.Run(TimeSpan.FromSeconds(1));
        rig.Chassis.Slot(1).ClearShort();

        Assert.Equal(ErrorCodes.FaultLatched, rig.Execute(1, SlotAction.On).ErrorCode);
        Assert.True(rig.Execute(1, SlotAction.ClearFault).Ok);
        Assert.True(rig.Execute(1, SlotAction.On).Ok);
        Assert.Single(rig.EventsOf(EventTypes.FaultCleared, 1));
    }

    [Fact]
    public void OnSnapshot_BrownOut_ShedsLowestPriorityFirstAndNotAll()
    {
        // A weak supply: 8 idle Pi 4s (~22 W) overload a 16 W supply and pull the bus under 4.75 V.
        using var rig = new SimulatedRig(slots: 8, startPowered: true,
            model: m => m.PsuRatedW = 16,
            chassis: c =>
            {
                for (var n = 1; n <= 8; n++)
                {
                    c.Slots.Add(new() { Slot = n, Priority = n == 2 ? 0 : 10 + n });
                }
            });

        rig.Run(TimeSpan.FromSeconds(30));

        var shed = rig.EventsOf(EventTypes.LoadShed).Select(e => e.Slot!.Value).ToList();
        // Slot 2 has the lowest priority, then slots 1, 3, 4, … in priority order.
        int[] byPriority = [2, 1, 3, 4, 5, 6, 7, 8];
        Assert.InRange(shed.Count, 1, 7);
        Assert.Equal(byPriority.Take(shed.Count), shed);
        Assert.Contains(rig.Chassis.Slots, s => s.RelayInputClosed);
        Assert.True(rig.Chassis.BusVoltageV >= rig.Protection.UndervoltageV, $"bus still at {rig.Chassis.BusVoltageV:F2} V");
        Assert.All(shed, n => Assert.Equal(FaultCodes.Undervoltage, rig.State(n).Fault?.Code));
    }

    [Fact]
    public void Execute_ClearUndervoltageWhileTheBusIsStillLow_Refused()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        for (var sweep = 0; sweep < 5; sweep++)
        {
            rig.Time.Advance(rig.Sampling.Interval);
            rig.Engine.OnSnapshot(rig.Sampler.Sweep() with { BusVoltageV = 4.6 });
        }

        Assert.Equal(FaultCodes.Undervoltage, rig.State(2).Fault?.Code);
        var whileLow = rig.Execute(2, SlotAction.ClearFault);
        rig.Step();
        var recovered = rig.Execute(2, SlotAction.ClearFault);

        Assert.Equal(ErrorCodes.FaultLatched, whileLow.ErrorCode);
        Assert.Equal("bus still at 4.60 V, below 4.75 V", whileLow.Message);
        Assert.True(recovered.Ok);
        Assert.Null(rig.State(2).Fault);
    }

    [Fact]
    public void OnSnapshot_CriticalBrownOut_CutsEverySlot()
    {
        // A supply whose output sags badly (a failing PSU or a loose feed): 2 A drop the bus 0.6 V.
        using var rig = new SimulatedRig(slots: 4, startPowered: true, model: m => m.PsuInternalResistanceOhm = 0.3);

        rig.Run(TimeSpan.FromSeconds(2));

        Assert.All(rig.Chassis.Slots, s => Assert.False(s.RelayInputClosed));
        Assert.All(rig.Engine.States, s => Assert.Equal(FaultCodes.Undervoltage, s.Fault?.Code));
    }

    [Fact]
    public void OnSnapshot_OneCriticalDipShorterThanTheDwell_CutsNothing()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        var dip = rig.Last! with { BusVoltageV = 0.2 };

        rig.Engine.OnSnapshot(dip);
        rig.Run(TimeSpan.FromSeconds(1));

        Assert.All(rig.Chassis.Slots, s => Assert.True(s.RelayInputClosed));
        Assert.Empty(rig.EventsOf(EventTypes.LoadShed));
    }

    [Fact]
    public void OnSnapshot_OverTemperature_ShedsAndRecoversWithHysteresis()
    {
        using var rig = new SimulatedRig(slots: 4, startPowered: true, model: m => m.AmbientC = 25);
        rig.Chassis.AmbientC = 62;
        rig.Run(TimeSpan.FromMinutes(10));

        // One slot is shed, and the next only if the chassis is still hot a shed interval later.
        var shed = rig.EventsOf(EventTypes.LoadShed);
        Assert.NotEmpty(shed);
        Assert.Equal(4, shed[0].Slot);
        Assert.All(shed.Zip(shed.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= rig.Protection.TemperatureShedInterval));
        Assert.Contains(rig.Chassis.Slots, s => s.RelayInputClosed);
        Assert.All(shed, e => Assert.Null(rig.State(e.Slot!.Value).Fault));

        // Inside the hysteresis band nothing comes back.
        rig.Chassis.AmbientC = 61;
        rig.Run(TimeSpan.FromMinutes(10));
        var stillOff = rig.Chassis.Slots.Count(s => !s.RelayInputClosed);
        Assert.Equal(shed.Count, stillOff);

        // Well below it, the shed slots come back, staggered.
        rig.Chassis.AmbientC = 30;
        rig.Run(TimeSpan.FromMinutes(10));
        Assert.All(rig.Chassis.Slots, s => Assert.True(s.RelayInputClosed));
    }

    [Fact]
    public void OnSnapshot_StuckRelay_Detected()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Chassis.Slot(2).SetRelayFault(RelayFault.WeldedClosed);
        rig.Run(TimeSpan.FromSeconds(1));

        rig.Execute(2, SlotAction.ForceOff);
        rig.Run(rig.Protection.RelayCheckDwell + TimeSpan.FromSeconds(1));

        Assert.Equal(FaultCodes.StuckRelay, rig.State(2).Fault?.Code);
        Assert.Null(rig.State(1).Fault);
    }

    [Fact]
    public void OnSnapshot_EmptySlotPowered_Detected()
    {
        using var rig = new SimulatedRig(slots: 2);
        rig.Chassis.Slot(2).RemoveBoard();

        rig.Execute(2, SlotAction.On);
        rig.Run(rig.Protection.RelayCheckDwell + TimeSpan.FromSeconds(1));

        Assert.Equal(FaultCodes.EmptySlot, rig.State(2).Fault?.Code);
        Assert.False(rig.Chassis.Slot(2).RelayInputClosed);
    }

    [Fact]
    public void OnSnapshot_SensorFailing_LatchesAfterConsecutiveMisses()
    {
        using var rig = new SimulatedRig(slots: 2, startPowered: true);
        rig.Run(TimeSpan.FromSeconds(1));
        rig.Buses.InjectFault(0x41, PiChassis.Hardware.Simulation.Faults.I2cFaultPlan.Always(PiChassis.Hardware.Simulation.Faults.I2cFaultMode.Nack));

        for (var i = 1; i < rig.Protection.SensorFailureReads; i++)
        {
            rig.Step();
        }

        Assert.Null(rig.State(2).Fault);
        rig.Step();

        Assert.Equal(FaultCodes.SensorFailure, rig.State(2).Fault?.Code);
        Assert.True(rig.Chassis.Slot(2).RelayInputClosed, "by default a slot keeps power when its sensor fails");
        Assert.Null(rig.State(1).Fault);
    }
}
