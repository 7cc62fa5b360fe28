namespace PiChassis.Hardware;

/// <summary>A chassis fan whose speed is set as a duty cycle. Drivers write only when the duty changes.</summary>
public interface IFan : IDisposable
{
    /// <summary>The duty the fan runs at, 0–100 %, as applied (an on/off fan reports 0 or 100).</summary>
    double DutyPercent { get; }

    /// <summary>Sets the duty, 0–100 %; 0 stops the fan.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duty is outside 0–100 %.</exception>
    /// <exception cref="HardwareException">The output could not be written.</exception>
    void SetDuty(double dutyPercent);
}
