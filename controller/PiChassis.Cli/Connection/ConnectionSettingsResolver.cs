using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PiChassis.Cli.Connection;

/// <summary>
/// Picks each connection setting from the flags, else the environment (<c>PICHASSIS_MQTT_*</c>),
/// else the config file (<c>{"host","port","user","password","ca_file"}</c>), else the default
/// 127.0.0.1:1883, where <c>--simulate</c> puts its embedded broker (8883 with TLS).
/// </summary>
public static class ConnectionSettingsResolver
{
    public const string HostVariable = "PICHASSIS_MQTT_HOST";
    public const string PortVariable = "PICHASSIS_MQTT_PORT";
    public const string UserVariable = "PICHASSIS_MQTT_USER";
    public const string PasswordVariable = "PICHASSIS_MQTT_PASSWORD";
    public const string CaFileVariable = "PICHASSIS_MQTT_CA_FILE";

    public static ConnectionSettings Resolve(ConnectionFlags flags, Func<string, string?> environment, string configFile)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        var file = ReadFile(configFile);
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

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
