namespace PiChassis.Hardware.Simulation.Faults;

/// <summary>
/// Which fault a <see cref="FaultyI2cDevice"/> injects and how often: each transaction faults with
/// probability <see cref="Rate"/>, drawn from a <see cref="Random"/> seeded with <see cref="Seed"/> so
/// a run is repeatable. A rate of 1 faults every transaction until the plan is cleared.
/// </summary>
public sealed record I2cFaultPlan
{
    public I2cFaultPlan(I2cFaultMode mode, double rate, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        Mode = mode;
        Rate = rate;
        Seed = seed;
    }

    /// <summary>No faults: the device passes everything through.</summary>
    public static I2cFaultPlan None { get; } = new(I2cFaultMode.None, 0);

    public I2cFaultMode Mode { get; }

    /// <summary>Probability 0..1 that a transaction faults.</summary>
    public double Rate { get; }

    public int Seed { get; }

    /// <summary>Every transaction faults until the plan is replaced or cleared.</summary>
    public static I2cFaultPlan Always(I2cFaultMode mode) => new(mode, 1);
}
