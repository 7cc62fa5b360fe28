namespace PiChassis.Shared.Mqtt;

/// <summary>The plain-text payloads of <c>status</c> topics (the controller's and the node agents').</summary>
public static class Availability
{
    public const string Online = "online";
    public const string Offline = "offline";
}
