namespace PiChassis.Hardware;

/// <summary>
/// A chassis fan whose speed is set as a duty cycle. Drivers open a fan at full speed (cooling
/// until told otherwise), write only when the duty changes, and leave the fan running as last set
/// when the controller exits: the nodes keep running without it.
/// </summary>
public interface IFan
{
    /// <summary>The duty the fan runs at, 0–100 %, as applied (an on/off fan reports 0 or 100).</summary>
    double DutyPercent { get; }

    /// <summary>Sets the duty, 0–100 %; 0 stops the fan.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duty is outside 0–100 %.</exception>
    /// <exception cref="HardwareException">The output could not be written.</exception>
    void SetDuty(double dutyPercent);
}
