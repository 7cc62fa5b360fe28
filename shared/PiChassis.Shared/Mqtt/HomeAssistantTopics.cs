namespace PiChassis.Shared.Mqtt;

/// <summary>Topics of the Home Assistant MQTT integration.</summary>
public static class HomeAssistantTopics
{
    public const string DefaultPrefix = "homeassistant";

    /// <summary>Home Assistant's birth and will topic: <c>online</c> asks devices to send discovery again.</summary>
    public static string Status(string prefix) => $"{prefix}/status";

    /// <summary>Device discovery: one retained config per device.</summary>
    public static string DeviceConfig(string prefix, string objectId) => $"{prefix}/device/{objectId}/config";
}
