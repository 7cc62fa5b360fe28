namespace PiChassis.Controller.Configuration;

/// <summary>The broker the controller speaks to. Section <c>Mqtt</c>.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>The broker's host; null with <c>--simulate</c> starts the embedded broker.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 1883;
}
