namespace PiChassis.Shared.Payloads;

/// <summary>
/// Chassis <c>telemetry</c> (retained with message expiry). The fan only when fitted. <c>store</c>
/// says how the controller's store keeps up: <c>ok</c>, <c>behind</c> or <c>failing</c> (protection
/// goes on either way); absent where the controller has no store.
/// </summary>
public sealed record ChassisTelemetryPayload(
    DateTimeOffset Ts,
    double TotalPowerW,
    double? BusVoltageV,
    double PsuBudgetW,
    double HeadroomW,
    int SlotsOn,
    IReadOnlyDictionary<string, double?> TemperaturesC,
    double? FanDutyPct = null,
    string? Store = null);
