using System.Reflection;

namespace PiChassis.Controller.Mqtt;

/// <summary>The controller's version as published in <c>info</c> and discovery.</summary>
public static class SoftwareVersion
{
    public static string Text { get; } =
        typeof(SoftwareVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
