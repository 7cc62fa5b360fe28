namespace PiChassis.Shared.Payloads;

/// <summary>One target's outcome in a response; <c>status</c> adds its state and telemetry, <c>energy</c> its watt-hours.</summary>
public sealed record TargetResult(
    int Slot,
    string Node,
    bool Ok,
    string? Phase = null,
    ErrorPayload? Error = null,
    SlotStatePayload? State = null,
    SlotTelemetryPayload? Telemetry = null,
    double? EnergyWh = null);
