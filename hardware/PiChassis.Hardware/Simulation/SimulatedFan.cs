using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Hardware.Simulation;

/// <summary>The simulated chassis's fan: its duty drives the thermal model's cooling.</summary>
public sealed class SimulatedFan(SimulatedChassis chassis) : IFan
{
    /// <summary>How many times the duty was changed (a real driver's writes).</summary>
    public long Writes { get; private set; }

    public double DutyPercent => chassis.FanDutyPercent;

    public void SetDuty(double dutyPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dutyPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dutyPercent, 100);
        if (dutyPercent == chassis.FanDutyPercent)
        {
            return;
        }

        chassis.FanDutyPercent = dutyPercent;
        Writes++;
    }
}
