namespace PiChassis.Shared.HomeAssistant;

/// <summary>
/// A Home Assistant device discovery payload (<c>homeassistant/device/&lt;object&gt;/config</c>):
/// the device, the origin, its components keyed by component id, and the options they share
/// (availability, QoS).
/// </summary>
public sealed record HaDeviceDiscovery(
    HaDevice Device,
    HaOrigin Origin,
    IReadOnlyDictionary<string, HaComponent> Components,
    string AvailabilityTopic,
    string PayloadAvailable,
    string PayloadNotAvailable,
    int Qos);
