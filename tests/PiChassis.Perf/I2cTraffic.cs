namespace PiChassis.Perf;

/// <summary>
/// I2C traffic as the emulated chips count it: transactions, and bytes on the wire (address bytes
/// included, ACK bits and start/stop conditions not). A byte is 9 clock cycles (8 bits + ACK).
/// </summary>
public readonly record struct I2cTraffic(double Transactions, double Bytes)
{
    /// <summary>One 2-byte register read (pointer write, repeated start, read): the least a current reading costs.</summary>
    public const int RegisterReadBytes = 5;

    public static I2cTraffic operator -(I2cTraffic a, I2cTraffic b) => new(a.Transactions - b.Transactions, a.Bytes - b.Bytes);

    public static I2cTraffic operator +(I2cTraffic a, I2cTraffic b) => new(a.Transactions + b.Transactions, a.Bytes + b.Bytes);

    public I2cTraffic Per(int count) => new(Transactions / count, Bytes / count);

    /// <summary>Clock time these bytes need on a bus at <paramref name="clockHz"/>.</summary>
    public TimeSpan BusTime(double clockHz) => TimeSpan.FromSeconds(Bytes * 9 / clockHz);
}
