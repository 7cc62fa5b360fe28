namespace PiChassis.Hardware.Simulation.Physics;

public sealed partial class SimulatedChassis
{
    /// <summary>Integrates the model from the last update to the clock's now. Caller holds <see cref="Gate"/>.</summary>
    internal void SyncLocked()
    {
        var elapsedTicks = _time.GetElapsedTime(_originTimestamp).Ticks;
        if (elapsedTicks > _simulatedTicks)
        {
            IntegrateLocked(elapsedTicks - _simulatedTicks);
        }
    }

    /// <summary>
    /// While any board's draw changes with time (boot, halt), steps end on a fixed grid of
    /// <c>MaxSubStep</c> from the chassis' origin, so one long jump and many short reads cut time at
    /// the same points (short reads only add cuts); a step also ends where an inrush surge does, so a
    /// surge is never averaged with the draw after it. When every draw is constant one step covers
    /// the whole span: the node energies and the thermal step are exact for constant power.
    /// </summary>
    private void IntegrateLocked(long ticks)
    {
        while (ticks > 0)
        {
            var step = ticks;
            if (!_slots.All(s => s.IsSteadyLocked))
            {
                var intoGrid = ((_simulatedTicks % _maxSubStepTicks) + _maxSubStepTicks) % _maxSubStepTicks;
                step = Math.Min(step, _maxSubStepTicks - intoGrid);
                if (_slots.Min(s => s.InrushLeftLockedS) is { } surgeS)
                {
                    step = Math.Min(step, Math.Max(1, (long)Math.Ceiling(surgeS * TimeSpan.TicksPerSecond)));
                }
            }

            StepLocked(step / (double)TimeSpan.TicksPerSecond);
            _simulatedTicks += step;
            ticks -= step;
        }
    }

    /// <summary>
    /// One step: each board's exact energy, the bus voltage for the step's average board power
    /// (boards are constant-power loads, shorts constant-current), then energy of the shorts at that
    /// voltage, and the thermal step with all of it dissipated in the chassis.
    /// </summary>
    private void StepLocked(double dtS)
    {
        Span<double> boardEnergyJ = stackalloc double[_slots.Length];
        var boardPowerW = 0.0;
        var shortA = 0.0;
        for (var i = 0; i < _slots.Length; i++)
        {
            boardEnergyJ[i] = _slots[i].AdvanceBoardLocked(dtS);
            boardPowerW += boardEnergyJ[i] / dtS;
            shortA += _slots[i].ShortDrawLockedA;
        }

        var busV = Psu.SolveBusVoltageV(boardPowerW, shortA);
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].AddEnergyLocked(boardEnergyJ[i] + (_slots[i].ShortDrawLockedA * busV * dtS));
        }

        _thermal.Advance(dtS, boardPowerW + (shortA * busV));
    }
}
