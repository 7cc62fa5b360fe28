using System.Diagnostics;
using Iot.Device.Adc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Perf;

/// <summary>
/// The cost of one sampling sweep: the controller's <see cref="Sampler"/> (one current read per slot,
/// one slot's full read in turn, probes once a second), and the same sweep through the stock
/// <c>Iot.Device.Adc.Ina219</c> binding on chips of the same kind.
/// </summary>
public static class SweepBenchmark
{
    private const int WarmUp = 1000;

    public static SweepResult Sampler(int slots, int sweeps)
    {
        using var bench = new SimulatedBench(slots);
        var sampling = new SamplingOptions();
        var sampler = new Sampler(bench.Devices, bench.Time, Options.Create(sampling), NullLogger<Sampler>.Instance);
        return Measure("PiChassis Sampler", slots, sweeps, bench, sampling.Interval, () => sampler.Sweep(),
            () => (bench.Buses.SensorTraffic, bench.Buses.ProbeTraffic, bench.Buses.ExpanderTraffic));
    }

    /// <summary>The stock binding on its own emulated chips: a current read per slot and bus, shunt and power of one slot in turn.</summary>
    public static SweepResult StockBinding(int slots, int sweeps)
    {
        using var bench = new SimulatedBench(slots);
        var chips = bench.Options.Slots
            .Select(s => new EmulatedIna219(s.SensorAddress!.Value.Value, bench.Buses.Chassis.Slot(s.Slot), s.ShuntOhms, bench.Time))
            .ToList();
        var stock = chips.Select(c =>
        {
            var ina = new Ina219(c);
            ina.Reset();
            ina.SetCalibration(40960, 100e-6F); // 0.01 Ω, 100 µA LSB: the scaling ours uses
            return ina;
        }).ToList();
        var next = 0;
        void Sweep()
        {
            foreach (var ina in stock)
            {
                _ = ina.ReadCurrent();
            }

            var full = stock[next++ % stock.Count];
            _ = full.ReadBusVoltage();
            _ = full.ReadShuntVoltage();
            _ = full.ReadPower();
        }

        var result = Measure("Stock Iot.Device.Adc.Ina219", slots, sweeps, bench, TimeSpan.FromMilliseconds(100), Sweep,
            () => (new I2cTraffic(chips.Sum(c => c.Transactions), chips.Sum(c => c.BytesTransferred)), default, default));
        stock.ForEach(s => s.Dispose());
        return result;
    }

    private static SweepResult Measure(
        string name,
        int slots,
        int sweeps,
        SimulatedBench bench,
        TimeSpan interval,
        Action sweep,
        Func<(I2cTraffic Sensors, I2cTraffic Probes, I2cTraffic Expanders)> traffic)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            bench.Time.Advance(interval);
            sweep();
        }

        var (sensors, probes, expanders) = traffic();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < sweeps; i++)
        {
            bench.Time.Advance(interval);
            sweep();
        }

        var wall = Stopwatch.GetElapsedTime(start);
        process.Refresh();
        var after = traffic();
        return new SweepResult(
            name,
            slots,
            (after.Sensors - sensors).Per(sweeps),
            (after.Probes - probes).Per(sweeps),
            (after.Expanders - expanders).Per(sweeps),
            (process.TotalProcessorTime - cpu) / sweeps,
            wall / sweeps);
    }
}
