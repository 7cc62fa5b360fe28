namespace PiChassis.Shared.HomeAssistant;

/// <summary>Which software sent the discovery payload (required by device discovery).</summary>
public sealed record HaOrigin(string Name, string? SwVersion = null, string? SupportUrl = null);
