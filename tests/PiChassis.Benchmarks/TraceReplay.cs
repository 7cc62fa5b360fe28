using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// Replays a day of demand through the controller core (sampler, power engine, policy, fan) and
/// the simulated chassis on a fake clock, one sample interval at a time, and measures energy (the
/// simulator's exact figure plus the fan's, and the controller's own meter), unmet demand, relay
/// wear, and the heat: the hottest exhaust and how often protection shed a slot.
/// </summary>
internal static class TraceReplay
{
    public static ReplayResult Run(DemandTrace trace, BenchmarkSettings settings, IReplayScheduler scheduler)
    {
        var wallStart = TimeProvider.System.GetTimestamp();
        using var rig = BenchmarkChassis.Create(settings, scheduler.StartsPowered);
        using var fan = new ChassisFan(rig, settings.Fan);
        scheduler.Prepare(rig);
        var work = new WorkAssigner(rig, settings.LoadFraction);
        var stepsPerMinute = (int)(TimeSpan.FromMinutes(1) / settings.SampleInterval);
        var stepMinutes = settings.SampleInterval.TotalMinutes;
        double needed = 0, unmet = 0, peakExhaustC = rig.Chassis.Exhaust.TemperatureC;
        var sheds = 0;
        rig.Events.Appended += (_, e) => sheds += e.Type == EventTypes.LoadShed ? 1 : 0;
        foreach (var demand in trace.Nodes)
        {
            for (var step = 0; step < stepsPerMinute; step++)
            {
                var served = work.Assign(demand);
                scheduler.Act(rig, demand, work);
                needed += demand * stepMinutes;
                unmet += (demand - served) * stepMinutes;
                fan.Step();
                peakExhaustC = Math.Max(peakExhaustC, rig.Chassis.Exhaust.TemperatureC);
            }
        }

        return new ReplayResult(
            scheduler.Name,
            rig.Chassis.EnergyWh,
            fan.EnergyWh,
            rig.Engine.Energy.ChassisLifetimeWh,
            needed,
            unmet,
            [.. rig.Engine.States.Select(s => s.RelayCycles)],
            trace.Nodes.Count / (double)DemandTrace.MinutesPerDay,
            peakExhaustC,
            sheds,
            TimeProvider.System.GetElapsedTime(wallStart));
    }
}
