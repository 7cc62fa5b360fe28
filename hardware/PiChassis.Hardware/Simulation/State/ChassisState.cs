namespace PiChassis.Hardware.Simulation.State;

/// <summary>The simulated chassis as saved at <paramref name="At"/> (wall clock).</summary>
public sealed record ChassisState(
    DateTimeOffset At,
    double AmbientC,
    double FanDutyPercent,
    double ExhaustC,
    IReadOnlyList<SlotState> Slots);
