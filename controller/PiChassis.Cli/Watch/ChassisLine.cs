using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Watch;

/// <summary>A chassis's availability and latest telemetry, for the header of <c>watch</c>.</summary>
public sealed record ChassisLine(string Chassis, string? Status, ChassisTelemetryPayload? Telemetry);
