using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public partial class SimulatedChassisTests
{
    /// <summary>A board that draws a constant 3 W from (almost) the moment it is powered.</summary>
    private static readonly PiProfile Flat3W = new("flat", 3, 6, [new(0, 3), new(0.001, 3)], 0.001, 0.5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void SlotCurrent_Pi4BBoots_PeaksNear1Point2AThenSettlesToIdle()
    {
        var chassis = Chassis();
        var slot = chassis.Slot(1);
        slot.SetRelay(true);

        var samples = new List<(double AtS, double CurrentA)>();
        for (var i = 1; i <= 160; i++)
        {
            Advance(0.25);
            samples.Add((i * 0.25, slot.CurrentA));
        }

        var peak = samples.MaxBy(s => s.CurrentA);
        Assert.InRange(peak.CurrentA, 1.1, 1.3);
        Assert.InRange(peak.AtS, 1, 10);
        Assert.Equal(2.7 / slot.BusVoltageV, samples[^1].CurrentA, 9);
        Assert.True(slot.IsUp);
    }

    [Fact]
    public void BusVoltageV_MoreSlotsAndLoad_DroopsFurther()
    {
        var chassis = Chassis();
        var unloaded = chassis.BusVoltageV;

        PowerOn(chassis, 1, 2);
        Advance(60);
        var twoIdle = chassis.BusVoltageV;

        PowerOn(chassis, 3, 4, 5, 6, 7, 8);
        Advance(60);
        var eightIdle = chassis.BusVoltageV;

        foreach (var slot in chassis.Slots)
        {
            slot.SetLoad(1);
        }

        var eightFull = chassis.BusVoltageV;

        Assert.Equal(5.1, unloaded, 12);
        Assert.True(twoIdle < unloaded);
        Assert.True(eightIdle < twoIdle);
        Assert.True(eightFull < eightIdle);
        Assert.Equal(5.1 - (chassis.TotalCurrentA * 0.015), eightFull, 9);
    }

    [Fact]
    public void BusVoltageV_PastThePsuRating_BrownsOut()
    {
        var options = new ChassisModelOptions { PsuRatedW = 30 };
        var chassis = Chassis(options);
        PowerOn(chassis, 1, 2, 3, 4, 5, 6, 7, 8);
        Advance(60);
        foreach (var slot in chassis.Slots)
        {
            slot.SetLoad(1);
        }

        var linearOnlyV = 5.1 - (chassis.TotalCurrentA * 0.015);

        Assert.True(chassis.BusVoltageV < linearOnlyV - 0.5);
    }

    [Fact]
    public void BusVoltageV_EightInrushSurgesAtOnce_BrownsOutUntilTheyEnd()
    {
        var chassis = Chassis();

        PowerOn(chassis, 1, 2, 3, 4, 5, 6, 7, 8);
        var during = LowestBusV(chassis, TimeSpan.FromMilliseconds(20));
        var after = LowestBusV(chassis, TimeSpan.FromMilliseconds(80));

        // Eight 14 W surges (Pi 4B) on a 60 W supply: past its rating, the bus folds back.
        Assert.True(during < 4.75, $"the bus held {during:F3} V");
        Assert.True(after > 4.9, $"the bus stayed at {after:F3} V after the surges");
    }

    [Fact]
    public void BusVoltageV_EightInrushSurgesASweepApart_StaysUp()
    {
        var chassis = Chassis();
        var lowest = double.MaxValue;

        for (var n = 1; n <= 8; n++)
        {
            PowerOn(chassis, n);
            lowest = Math.Min(lowest, LowestBusV(chassis, TimeSpan.FromMilliseconds(100)));
        }

        Assert.True(lowest > 4.75, $"the bus fell to {lowest:F3} V");
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryError()
    {
        var options = new ChassisModelOptions { SlotCount = 0, PsuRatedW = -1, ThermalTimeConstantS = 0 };

        var error = Assert.Throws<ArgumentException>(() => new SimulatedChassis(_time, options));

        Assert.Contains("SlotCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("PsuRatedW", error.Message, StringComparison.Ordinal);
        Assert.Contains("ThermalTimeConstantS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slot_NumberOutOfRange_Throws()
    {
        var chassis = Chassis();

        Assert.Throws<ArgumentOutOfRangeException>(() => chassis.Slot(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => chassis.Slot(9));
        Assert.Equal(8, chassis.Slot(8).Number);
    }

    private SimulatedChassis Chassis(ChassisModelOptions? options = null) => new(_time, options ?? new ChassisModelOptions());

    private static void PowerOn(SimulatedChassis chassis, params int[] slots)
    {
        foreach (var slot in slots)
        {
            chassis.Slot(slot).SetRelay(true);
        }
    }

    private void Advance(double seconds) => _time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Lets <paramref name="span"/> pass a millisecond at a time, reading the bus after each as a scope would.</summary>
    private double LowestBusV(SimulatedChassis chassis, TimeSpan span)
    {
        var lowest = double.MaxValue;
        for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromMilliseconds(1))
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            lowest = Math.Min(lowest, chassis.BusVoltageV);
        }

        return lowest;
    }
}
