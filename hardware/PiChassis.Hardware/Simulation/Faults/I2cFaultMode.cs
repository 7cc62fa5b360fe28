namespace PiChassis.Hardware.Simulation.Faults;

/// <summary>What goes wrong in a faulty I2C transaction.</summary>
public enum I2cFaultMode
{
    None,

    /// <summary>The chip does not acknowledge: IOException "Remote I/O error" (EREMOTEIO), as i2c-bcm2835 reports it.</summary>
    Nack,

    /// <summary>The transfer times out (SCL held low): IOException "Connection timed out" (ETIMEDOUT).</summary>
    Timeout,

    /// <summary>A read returns the bytes last read from the same register, as a frozen chip would.</summary>
    StuckValue,
}
