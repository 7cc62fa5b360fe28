using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PiChassis.Cli.Connection;

/// <summary>
/// Picks each connection setting from the flags, else the environment (<c>PICHASSIS_MQTT_*</c>),
/// else the config file (<c>{"host","port","user","password","ca_file"}</c>), else the default
/// 127.0.0.1:1883, where <c>--simulate</c> puts its embedded broker (8883 with TLS). A config file
/// that holds a password and that others than its owner may read earns a warning.
/// </summary>
public static class ConnectionSettingsResolver
{
    public const string HostVariable = "PICHASSIS_MQTT_HOST";
    public const string PortVariable = "PICHASSIS_MQTT_PORT";
    public const string UserVariable = "PICHASSIS_MQTT_USER";
    public const string PasswordVariable = "PICHASSIS_MQTT_PASSWORD";
    public const string CaFileVariable = "PICHASSIS_MQTT_CA_FILE";

    public static ConnectionSettings Resolve(ConnectionFlags flags, Func<string, string?> environment, string configFile, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(warnings);
        var file = ReadFile(configFile);
        WarnIfPasswordExposed(file, configFile, warnings);
        string? Pick(string? flag, string variable, string key) =>
            flag ?? NullIfEmpty(environment(variable)) ?? NullIfEmpty(file?[key]?.ToString());

        var caFile = Pick(flags.CaFile, CaFileVariable, "ca_file");
        var portText = flags.Port?.ToString(CultureInfo.InvariantCulture) ?? Pick(null, PortVariable, "port");
        var port = caFile is null ? ConnectionSettings.DefaultPort : ConnectionSettings.DefaultTlsPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new CliException(ExitCodes.Usage, $"the broker port '{portText}' is not a port number");
        }

        return new ConnectionSettings(
            Pick(flags.Host, HostVariable, "host") ?? ConnectionSettings.DefaultHost,
            port,
            Pick(flags.User, UserVariable, "user"),
            Pick(flags.Password, PasswordVariable, "password"),
            caFile);
    }

    private static JsonObject? ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new CliException(ExitCodes.Usage, $"{path} is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {path}: {e.Message}");
        }
    }

    private static void WarnIfPasswordExposed(JsonObject? file, string path, TextWriter warnings)
    {
        const UnixFileMode GroupOrOthers = (UnixFileMode)0b000_111_111;
        if (OperatingSystem.IsWindows() || NullIfEmpty(file?["password"]?.ToString()) is null)
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            warnings.WriteLine($"warning: {path} holds a password and others than its owner may read it (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); make it 0600, owned by the user that runs pichassis");
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
