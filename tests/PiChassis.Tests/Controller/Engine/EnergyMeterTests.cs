using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Engine;

public class EnergyMeterTests
{
    [Fact]
    public void Add_SimulatedHour_MatchesGroundTruthWithinOnePercent()
    {
        using var rig = new SimulatedRig(slots: 4, startPowered: true);
        rig.Chassis.Slot(2).SetLoad(0.7);
        rig.Execute(3, SlotAction.Cycle);
        var start = rig.Chassis.Slots.Select(s => s.EnergyWh).ToArray();
        rig.Step();
        var meterStart = rig.Engine.Energy.All.Select(e => e.LifetimeWh).ToArray();

        rig.Run(TimeSpan.FromHours(1), _ =>
        {
            if (rig.Time.GetUtcNow().Minute == 30)
            {
                rig.Chassis.Slot(4).SetLoad(1.0);
            }
        });

        for (var n = 1; n <= 4; n++)
        {
            var truth = rig.Chassis.Slot(n).EnergyWh - start[n - 1];
            var measured = rig.Engine.Energy[n].LifetimeWh - meterStart[n - 1];
            Assert.True(Math.Abs(measured - truth) <= truth * 0.01, $"slot {n}: measured {measured:F3} Wh, truth {truth:F3} Wh");
        }
    }

    [Fact]
    public void Add_AcrossMidnight_MovesTodayToYesterday()
    {
        using var rig = new SimulatedRig(slots: 1, startPowered: true);
        rig.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.Zero));
        rig.Run(TimeSpan.FromMinutes(2));

        var energy = rig.Engine.Energy[1];

        Assert.True(energy.YesterdayWh > 0);
        Assert.True(energy.TodayWh > 0);
        Assert.Equal(energy.LifetimeWh, energy.TodayWh + energy.YesterdayWh, 9);
    }
}
