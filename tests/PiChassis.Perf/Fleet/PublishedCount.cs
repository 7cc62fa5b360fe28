namespace PiChassis.Perf.Fleet;

/// <summary>What a subscriber received over a window: all messages, and the chassis telemetry among them.</summary>
public sealed record PublishedCount(long Messages, long ChassisTelemetry);
