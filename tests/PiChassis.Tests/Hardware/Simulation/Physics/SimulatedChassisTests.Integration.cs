using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public partial class SimulatedChassisTests
{
    [Fact]
    public void EnergyWh_Constant3WForAnHour_Is3Wh()
    {
        var options = new ChassisModelOptions { DefaultBoard = Flat3W };
        var chassis = Chassis(options);
        chassis.Slot(1).SetRelay(true);
        Advance(1);
        var start = chassis.Slot(1).EnergyWh;

        Advance(3600);

        Assert.Equal(3.0, chassis.Slot(1).EnergyWh - start, 9);
        Assert.Equal(chassis.Slot(1).EnergyWh, chassis.EnergyWh, 12);
    }

    [Fact]
    public void EnergyWh_Chassis_IsTheSumOfItsSlots()
    {
        var chassis = Chassis();
        PowerOn(chassis, 1, 2, 5);
        chassis.Slot(2).InjectShort(4);
        Advance(100);

        Assert.Equal(chassis.Slots.Sum(s => s.EnergyWh), chassis.EnergyWh, 12);
        Assert.Equal(0, chassis.Slot(3).EnergyWh);
    }

    [Fact]
    public void Exhaust_ConstantPower_RisesWithTheTimeConstant()
    {
        var options = new ChassisModelOptions { DefaultBoard = Flat3W };
        var chassis = Chassis(options);
        PowerOn(chassis, 1, 2, 3, 4, 5, 6, 7, 8);

        Advance(120);
        var afterTau = chassis.Exhaust.TemperatureC;
        Advance(120 * 20);
        var settled = chassis.Exhaust.TemperatureC;

        var riseC = 0.4 * 8 * 3;
        Assert.Equal(25, chassis.Inlet.TemperatureC);
        Assert.Equal(25 + riseC, settled, 3);
        Assert.Equal(25 + (riseC * (1 - Math.Exp(-1))), afterTau, 2);
    }

    [Fact]
    public void Exhaust_FanFull_SettlesLower()
    {
        var options = new ChassisModelOptions { DefaultBoard = Flat3W };
        var still = Chassis(options);
        var cooled = Chassis(options);
        PowerOn(still, 1, 2, 3, 4, 5, 6, 7, 8);
        PowerOn(cooled, 1, 2, 3, 4, 5, 6, 7, 8);

        cooled.FanDutyPercent = 100;
        Advance(3600);

        Assert.True(cooled.Exhaust.TemperatureC < still.Exhaust.TemperatureC - 5);
        Assert.Equal(25 + (0.4 * 24 / 4), cooled.Exhaust.TemperatureC, 3);
    }

    [Fact]
    public void Reads_OneJumpOrManySmallSteps_AgreeClosely()
    {
        var jumpTime = new FakeTimeProvider(_time.GetUtcNow());
        var stepTime = new FakeTimeProvider(_time.GetUtcNow());
        var jump = new SimulatedChassis(jumpTime, new ChassisModelOptions());
        var steps = new SimulatedChassis(stepTime, new ChassisModelOptions());
        foreach (var chassis in new[] { jump, steps })
        {
            PowerOn(chassis, 1, 2, 3, 4);
            chassis.Slot(4).InjectShort(4.5);
        }

        jumpTime.Advance(TimeSpan.FromSeconds(40));
        StepTo(stepTime, steps, TimeSpan.FromSeconds(40));
        foreach (var chassis in new[] { jump, steps })
        {
            chassis.Slot(2).Halt();
            chassis.Slot(3).SetLoad(0.7);
            chassis.FanDutyPercent = 40;
        }

        jumpTime.Advance(TimeSpan.FromSeconds(80));
        StepTo(stepTime, steps, TimeSpan.FromSeconds(120));

        Assert.Equal(NodePhase.Halted, steps.Slot(2).Phase);
        Assert.Equal(jump.Exhaust.TemperatureC, steps.Exhaust.TemperatureC, 6);
        Assert.Equal(jump.BusVoltageV, steps.BusVoltageV, 12);
        for (var n = 1; n <= 8; n++)
        {
            Assert.Equal(jump.Slot(n).CurrentA, steps.Slot(n).CurrentA, 12);
            Assert.Equal(jump.Slot(n).EnergyWh, steps.Slot(n).EnergyWh, 9);
        }
    }

    /// <summary>Advances in irregular small steps (reading the model each time) until <paramref name="until"/> since start.</summary>
    private void StepTo(FakeTimeProvider time, SimulatedChassis chassis, TimeSpan until)
    {
        var end = _time.GetUtcNow() + until;
        var sizes = new[] { 37, 5, 113, 61, 250 };
        for (var i = 0; time.GetUtcNow() < end; i++)
        {
            var step = TimeSpan.FromMilliseconds(sizes[i % sizes.Length]);
            time.Advance(step < end - time.GetUtcNow() ? step : end - time.GetUtcNow());
            _ = chassis.Slot(1 + (i % 8)).CurrentA;
            _ = chassis.Exhaust.TemperatureC;
        }
    }
}
