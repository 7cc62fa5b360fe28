namespace PiChassis.Controller.Configuration;

/// <summary>Where persistent state lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataDir { get; set; } = "/var/lib/pichassis";
}
