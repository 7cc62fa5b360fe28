namespace PiChassis.Shared.Payloads;

/// <summary><c>slot/&lt;n&gt;/telemetry</c>; <see cref="EnergyWh"/> is the slot's lifetime counter.</summary>
public sealed record SlotTelemetryPayload(
    DateTimeOffset Ts,
    int Slot,
    double VoltageV,
    double CurrentA,
    double PowerW,
    double EnergyWh);
