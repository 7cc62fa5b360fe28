using System.Text;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Metrics;
using PiChassis.Controller.Sampling;
using Prometheus;

namespace PiChassis.Tests.Controller.Metrics;

public class ChassisMetricsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static SlotState State(int slot, SlotPhase phase, SlotFault? fault = null, long cycles = 3) =>
        new(slot, $"node{slot:D2}", phase is SlotPhase.On or SlotPhase.Booting, phase, SlotPolicy.Manual, false, fault, At, cycles, false);

    private static EngineReadout Readout(params SlotState[] states) => new(
        [.. states],
        [.. states.Select(s => new SlotEnergy(s.Slot, 12.5 * s.Slot, 1.25, 0))],
        12.5 * states.Sum(s => s.Slot),
        41.5,
        38.25);

    private static ChassisSnapshot Snapshot() => new(
        77, At, TimeSpan.FromSeconds(7.7), 5.08,
        [new SlotSample(1, true, 0.6, 5.08, 3.048, false, 0, null), new SlotSample(2, false, 0, 5.1, 0, true, 4, "NACK")],
        [new ProbeSample("inlet", 24.5, false, 0, null), new ProbeSample("exhaust", null, true, 3, "gone")]);

    private static async Task<string> ExportAsync(ChassisMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.OpenMetricsText, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Update_SnapshotAndEngine_PerSlotAndChassisSeries()
    {
        var metrics = new ChassisMetrics("rack1");

        metrics.Update(Snapshot(), Readout(State(1, SlotPhase.On), State(2, SlotPhase.Off, cycles: 0)));
        var text = await ExportAsync(metrics);

        Assert.Contains("pichassis_slot_volts{slot=\"1\",node=\"node01\",chassis=\"rack1\"} 5.08", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_amps{slot=\"1\",node=\"node01\",chassis=\"rack1\"} 0.6", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_watts{slot=\"1\",node=\"node01\",chassis=\"rack1\"} 3.048", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_sensor_stale{slot=\"2\",node=\"node02\",chassis=\"rack1\"} 1.0", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_energy_wh_total{slot=\"2\",node=\"node02\",chassis=\"rack1\"} 25.0", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_phase{slot=\"1\",node=\"node01\",phase=\"on\",chassis=\"rack1\"} 1.0", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_phase{slot=\"1\",node=\"node01\",phase=\"shutting_down\",chassis=\"rack1\"} 0.0", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_power{slot=\"2\",node=\"node02\",chassis=\"rack1\"} 0.0", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_relay_cycles_total{slot=\"1\",node=\"node01\",chassis=\"rack1\"} 3.0", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_chassis_watts{chassis=\"rack1\"} 3.048", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_chassis_headroom_watts{chassis=\"rack1\"} 41.5", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_chassis_temperature_celsius{chassis=\"rack1\"} 38.25", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_probe_temperature_celsius{probe=\"inlet\",chassis=\"rack1\"} 24.5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("probe=\"exhaust\"", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_chassis_energy_wh_total{chassis=\"rack1\"} 37.5", text, StringComparison.Ordinal);
        Assert.Contains("pichassis_sampling_sweeps_total{chassis=\"rack1\"} 77.0", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_FaultLatchedThenCleared_SeriesComesAndGoes()
    {
        var metrics = new ChassisMetrics("rack1");
        var fault = new SlotFault(FaultCodes.Overcurrent, "3.5 A for 200 ms", At);

        metrics.Update(null, Readout(State(1, SlotPhase.Fault, fault)));
        var latched = await ExportAsync(metrics);
        metrics.Update(null, Readout(State(1, SlotPhase.Off)));
        var cleared = await ExportAsync(metrics);

        Assert.Contains("pichassis_slot_fault{slot=\"1\",node=\"node01\",code=\"overcurrent\",chassis=\"rack1\"} 1.0", latched, StringComparison.Ordinal);
        Assert.DoesNotContain("code=\"overcurrent\"", cleared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_NoFreshProbe_ChassisTemperatureAbsentNotZero()
    {
        var metrics = new ChassisMetrics("rack1");

        metrics.Update(Snapshot(), Readout(State(1, SlotPhase.On)) with { ChassisTemperatureC = null });
        var text = await ExportAsync(metrics);

        Assert.DoesNotContain("pichassis_chassis_temperature_celsius{", text, StringComparison.Ordinal);
    }
}
