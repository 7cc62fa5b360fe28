using System.Collections.Immutable;

namespace PiChassis.Controller.Sampling;

/// <summary>
/// Everything one sweep measured, immutable, so readers (engine, MQTT, LEDs, console) never see
/// the sampler's insides. <see cref="Elapsed"/> is monotonic time since start: decisions use it,
/// records use <see cref="At"/>. <see cref="BusVoltageV"/> is the chassis rail as seen by the
/// latest full read of any slot (all feeds share the rail), null until one succeeded.
/// </summary>
public sealed record ChassisSnapshot(
    long Sweep,
    DateTimeOffset At,
    TimeSpan Elapsed,
    double? BusVoltageV,
    ImmutableArray<SlotSample> Slots,
    ImmutableArray<ProbeSample> Probes)
{
    public double TotalPowerW => Slots.Sum(s => s.PowerW);

    public SlotSample Slot(int slot) => Slots[slot - 1];
}
