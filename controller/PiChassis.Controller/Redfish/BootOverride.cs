namespace PiChassis.Controller.Redfish;

/// <summary>A system's boot source override as a client set it (<c>Boot</c> of ComputerSystem).</summary>
public sealed record BootOverride(string Enabled, string Target, string Mode)
{
    public static BootOverride None { get; } = new("Disabled", "None", "UEFI");

    public static IReadOnlyList<string> EnabledValues { get; } = ["Disabled", "Once", "Continuous"];

    public static IReadOnlyList<string> TargetValues { get; } = ["None", "Pxe", "Hdd", "Usb", "SDCard", "UefiHttp", "UefiTarget", "Cd"];

    public static IReadOnlyList<string> ModeValues { get; } = ["UEFI", "Legacy"];
}
