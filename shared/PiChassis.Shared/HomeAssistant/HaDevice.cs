namespace PiChassis.Shared.HomeAssistant;

/// <summary>The device of a discovery payload; a slot names the chassis as its <see cref="ViaDevice"/>.</summary>
public sealed record HaDevice(
    IReadOnlyList<string> Identifiers,
    string Name,
    string Manufacturer,
    string Model,
    string? SwVersion = null,
    string? ViaDevice = null);
