namespace PiChassis.Hardware;

/// <summary>One LED. Drivers write the output only when the level changes.</summary>
public interface ILed
{
    bool IsLit { get; }

    /// <exception cref="HardwareException">The output could not be written.</exception>
    void Set(bool lit);
}
