using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// Replays a trace's days of demand through the controller core (sampler, power engine, policy,
/// fan) and the simulated chassis on a fake clock, one sample interval at a time, as one controller
/// that runs from the first day to the last. Each day it measures energy (the simulator's exact
/// figure plus the fan's, and the controller's own meter), unmet demand, relay wear, and the heat:
/// the hottest exhaust and how often protection shed a slot.
/// </summary>
internal static class TraceReplay
{
    public static ReplayResult Run(DemandTrace trace, BenchmarkSettings settings, IReplayScheduler scheduler)
    {
        var wallStart = TimeProvider.System.GetTimestamp();
        using var rig = BenchmarkChassis.Create(settings, scheduler.StartsPowered, ClockStart(trace));
        using var fan = new ChassisFan(rig, settings.Fan);
        scheduler.Prepare(rig);
        var work = new WorkAssigner(rig, settings.LoadFraction);
        var stepsPerMinute = (int)(TimeSpan.FromMinutes(1) / settings.SampleInterval);
        var stepMinutes = settings.SampleInterval.TotalMinutes;
        var sheds = 0;
        rig.Events.Appended += (_, e) => sheds += e.Type == EventTypes.LoadShed ? 1 : 0;
        var days = new List<DayFigures>(trace.Days);
        for (var day = 0; day < trace.Days; day++)
        {
            // The meters run on; a day's figures are what they gained over it.
            var (boardsWh, fanWh, meteredWh, shedsBefore) = (rig.Chassis.EnergyWh, fan.EnergyWh, rig.Engine.Energy.ChassisLifetimeWh, sheds);
            var cycles = rig.Engine.States.Select(s => s.RelayCycles).ToArray();
            double needed = 0, unmet = 0, peakExhaustC = rig.Chassis.Exhaust.TemperatureC;
            foreach (var demand in trace.Nodes.Skip(day * DemandTrace.MinutesPerDay).Take(DemandTrace.MinutesPerDay))
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

            days.Add(new DayFigures(
                rig.Chassis.EnergyWh - boardsWh,
                fan.EnergyWh - fanWh,
                rig.Engine.Energy.ChassisLifetimeWh - meteredWh,
                needed,
                unmet,
                [.. rig.Engine.States.Select((s, i) => s.RelayCycles - cycles[i])],
                peakExhaustC,
                sheds - shedsBefore));
        }

        return new ReplayResult(scheduler.Name, days, TimeProvider.System.GetElapsedTime(wallStart));
    }

    /// <summary>
    /// A trace that names its first weekday starts at midnight of that weekday (the first on or after
    /// the rig's usual start), so a policy that learns by time of day and day of week sees the
    /// trace's own calendar; any other starts at the rig's usual time.
    /// </summary>
    private static DateTimeOffset? ClockStart(DemandTrace trace)
    {
        if (trace.StartsOn is not { } weekday)
        {
            return null;
        }

        var midnight = new DateTimeOffset(SimulatedRig.Start.Date, TimeSpan.Zero);
        return midnight.AddDays(((int)weekday - (int)midnight.DayOfWeek + 7) % 7);
    }
}
