using PiChassis.Cli.Output;

namespace PiChassis.Cli.Watch;

/// <summary>A consistent copy of the <see cref="WatchModel"/> to render.</summary>
public sealed record WatchSnapshot(IReadOnlyList<ChassisLine> Chassis, IReadOnlyList<SlotRow> Rows);
