using PiChassis.Controller.Engine;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>
/// Replays a trace's days of demand through the controller core (sampler, power engine, policy,
/// fan) and the simulated chassis on a fake clock, one sample interval at a time, as one controller
/// that runs from the first day to the last but for one restart (<see cref="RestartMinute"/>). Each day it measures energy (the simulator's exact
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
        var restartAt = RestartMinute(trace, settings);
        var work = new WorkAssigner(rig, settings.LoadFraction);
        var stepsPerMinute = (int)(TimeSpan.FromMinutes(1) / settings.SampleInterval);
        var stepMinutes = settings.SampleInterval.TotalMinutes;
        var sheds = 0;
        rig.Events.Appended += (_, e) => sheds += e.Type == EventTypes.LoadShed ? 1 : 0;
        var days = new List<DayFigures>(trace.Days);
        var minutes = new List<MinuteFigures>(trace.Nodes.Count);
        for (var day = 0; day < trace.Days; day++)
        {
            // The meters run on; a day's figures are what they gained over it.
            var (boardsWh, fanWh, meteredWh, shedsBefore) = (rig.Chassis.EnergyWh, fan.EnergyWh, rig.Engine.Energy.ChassisLifetimeWh, sheds);
            var cycles = rig.Engine.States.Select(s => s.RelayCycles).ToArray();
            double needed = 0, unmet = 0, peakExhaustC = rig.Chassis.Exhaust.TemperatureC;
            foreach (var demand in trace.Nodes.Skip(day * DemandTrace.MinutesPerDay).Take(DemandTrace.MinutesPerDay))
            {
                if (minutes.Count == restartAt)
                {
                    rig.RestartController();
                    scheduler.ControllerRestarted(rig);
                }

                var predicted = scheduler.Predicted(rig.Time.GetUtcNow());
                var nodesUp = 0;
                for (var step = 0; step < stepsPerMinute; step++)
                {
                    var served = work.Assign(demand);
                    nodesUp = Math.Max(nodesUp, rig.Engine.States.Count(s => s.Phase == SlotPhase.On));
                    scheduler.Act(rig, demand, work);
                    needed += demand * stepMinutes;
                    unmet += (demand - served) * stepMinutes;
                    fan.Step();
                    peakExhaustC = Math.Max(peakExhaustC, rig.Chassis.Exhaust.TemperatureC);
                }

                minutes.Add(new MinuteFigures(demand, nodesUp, predicted));
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

        (scheduler as IDisposable)?.Dispose();
        return new ReplayResult(scheduler.Name, days, TimeProvider.System.GetElapsedTime(wallStart)) { Minutes = minutes };
    }

    /// <summary>
    /// The minute of the trace at which the controller restarts: the one asked for, or noon of the
    /// middle day of a trace of several days (so the week's rhythm is learned on both sides of it);
    /// null for none, and for one day, whose figures stay those of a controller that runs through.
    /// </summary>
    public static int? RestartMinute(DemandTrace trace, BenchmarkSettings settings) =>
        settings.RestartAt ?? (trace.Days > 1 && settings.Restart ? ((trace.Days / 2) * DemandTrace.MinutesPerDay) + (DemandTrace.MinutesPerDay / 2) : null);

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
