namespace PiChassis.Hardware;

/// <summary>A device did not answer or answered out of range. The sampler marks the reading stale.</summary>
public class HardwareException : Exception
{
    public HardwareException() { }

    public HardwareException(string message) : base(message) { }

    public HardwareException(string message, Exception inner) : base(message, inner) { }
}
