namespace PiChassis.Hardware;

/// <summary>Measures one slot's 5 V feed (an INA219 on the high side).</summary>
public interface IPowerSensor : IDisposable
{
    /// <summary>
    /// Reads only the current register: the one transaction a protection sweep needs per slot.
    /// </summary>
    /// <exception cref="HardwareException">The chip did not answer or answered nonsense.</exception>
    double ReadCurrentA();

    /// <summary>Reads the latest conversion (bus, shunt, current, power, flags) without waiting for a new one.</summary>
    /// <exception cref="HardwareException">The chip did not answer or answered nonsense.</exception>
    PowerReading Read();
}
