using Microsoft.Extensions.Configuration;

namespace PiChassis.Controller.Hosting;

/// <summary>
/// Where settings come from, later sources winning: appsettings.json beside the program, the
/// installed system file (/etc/pichassis/appsettings.json on Linux, optional), --config FILE,
/// PICHASSIS_* environment variables, the command line.
/// </summary>
public static class ControllerConfiguration
{
    /// <summary>The file the install script puts in place and an operator edits.</summary>
    public const string SystemConfigFile = "/etc/pichassis/appsettings.json";

    /// <summary>The system file for this platform: none outside Linux.</summary>
    public static string? SystemConfigFileForPlatform => OperatingSystem.IsLinux() ? SystemConfigFile : null;

    public static void AddSources(IConfigurationBuilder configuration, ControllerCommandLine commandLine, string? systemConfigFile)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(commandLine);
        configuration.AddJsonFile("appsettings.json", optional: true);
        if (systemConfigFile is not null)
        {
            configuration.AddJsonFile(systemConfigFile, optional: true);
        }

        if (commandLine.ConfigFile is not null)
        {
            configuration.AddJsonFile(Path.GetFullPath(commandLine.ConfigFile), optional: false);
        }

        configuration.AddEnvironmentVariables("PICHASSIS_");
        if (commandLine.Simulate && !commandLine.Settings.ContainsKey("Storage:DataDir"))
        {
            // A simulated chassis keeps its state out of /var/lib so any user can try it.
            commandLine.Settings["Storage:DataDir"] = Path.Combine(Path.GetTempPath(), "pichassis-sim");
        }

        configuration.AddInMemoryCollection(commandLine.Settings);
    }
}
