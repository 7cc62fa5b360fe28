namespace PiChassis.Shared.Payloads;

/// <summary>Chassis <c>telemetry</c> (retained with message expiry). The fan only when fitted.</summary>
public sealed record ChassisTelemetryPayload(
    DateTimeOffset Ts,
    double TotalPowerW,
    double? BusVoltageV,
    double PsuBudgetW,
    double HeadroomW,
    int SlotsOn,
    IReadOnlyDictionary<string, double?> TemperaturesC,
    double? FanDutyPct = null);
