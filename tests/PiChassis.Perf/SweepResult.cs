using System.Globalization;

namespace PiChassis.Perf;

/// <summary>What one way of sweeping the bus cost, per sweep.</summary>
public sealed record SweepResult(string Name, int Slots, I2cTraffic Sensors, I2cTraffic Probes, I2cTraffic Expanders, TimeSpan Cpu, TimeSpan Wall)
{
    public I2cTraffic Total => Sensors + Probes + Expanders;

    /// <summary>One 2-byte current read per slot: the least a protection sweep can move.</summary>
    public double MinimumBytes => Slots * I2cTraffic.RegisterReadBytes;

    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join(Environment.NewLine,
            $"{Name}, {Slots} slots, per sweep:",
            string.Create(inv, $"  I2C: {Total.Transactions:F2} transactions, {Total.Bytes:F1} bytes (INA219 {Sensors.Bytes:F1}, MCP9808 {Probes.Bytes:F1}, MCP23017 {Expanders.Bytes:F1})"),
            string.Create(inv, $"  bus time: {Total.BusTime(100_000).TotalMilliseconds:F2} ms at 100 kHz, {Total.BusTime(400_000).TotalMilliseconds:F2} ms at 400 kHz"),
            string.Create(inv, $"  vs the minimum ({Slots} current reads = {MinimumBytes:F0} bytes): {Total.Bytes / MinimumBytes:F2}x"),
            string.Create(inv, $"  CPU {Cpu.TotalMicroseconds:F1} µs, wall {Wall.TotalMicroseconds:F1} µs (this machine, emulated chips included)"));
    }
}
