namespace PiChassis.Controller.Configuration;

/// <summary>How often telemetry goes out. Section <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Telemetry is published this often; retained messages expire after three periods.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A slot whose power moves by more than this is published at once.</summary>
    public double DeadbandW { get; set; } = 0.5;

    /// <summary>Deadband publications of one slot are at least this far apart, so a noisy draw cannot flood.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
