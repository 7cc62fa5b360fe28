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

    /// <summary>
    /// Adds the sources; returns the settings files that could not be read (not JSON, no permission).
    /// A <see cref="ConfigurationManager"/> reads each file as it is added, so they are found here,
    /// every one of them, rather than as an unhandled exception at start.
    /// </summary>
    public static IReadOnlyList<string> AddSources(IConfigurationBuilder configuration, ControllerCommandLine commandLine, string? systemConfigFile)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(commandLine);
        var errors = new List<string>();
        AddJsonFile(configuration, "appsettings.json", optional: true, errors);
        if (systemConfigFile is not null)
        {
            AddJsonFile(configuration, systemConfigFile, optional: true, errors);
        }

        if (commandLine.ConfigFile is not null)
        {
            AddJsonFile(configuration, Path.GetFullPath(commandLine.ConfigFile), optional: false, errors);
        }

        configuration.AddEnvironmentVariables("PICHASSIS_");
        if (commandLine.Simulate && !commandLine.Settings.ContainsKey("Storage:DataDir"))
        {
            // A simulated chassis keeps its state out of /var/lib so any user can try it.
            commandLine.Settings["Storage:DataDir"] = Path.Combine(Path.GetTempPath(), "pichassis-sim");
        }

        configuration.AddInMemoryCollection(commandLine.Settings);
        return errors;
    }

    private static void AddJsonFile(IConfigurationBuilder configuration, string path, bool optional, List<string> errors)
    {
        try
        {
            configuration.AddJsonFile(path, optional);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // InvalidDataException wraps the parser's error, which says where in the file it is.
            errors.Add(e.InnerException?.InnerException is { } cause ? $"{e.Message} {cause.Message}" : $"{path}: {e.Message}");
        }
    }
}
