namespace PiChassis.Hardware;

/// <summary>One slot's power relay. Polarity (active-high or active-low) is the driver's business.</summary>
public interface IRelay
{
    /// <summary>True when the slot is powered, as read back from the output (never assumed).</summary>
    bool IsClosed { get; }

    /// <summary>Closes (powers) or opens the relay. Writes only when the output changes.</summary>
    /// <exception cref="HardwareException">The output could not be written.</exception>
    void Set(bool closed);
}
