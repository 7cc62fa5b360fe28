using System.CommandLine;
using PiChassis.Cli.Connection;

namespace PiChassis.Cli.Commands;

/// <summary>Options every command takes, anywhere on the line (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<string?> Host { get; } = Recursive(new Option<string?>("--host") { Description = $"MQTT broker host (env {ConnectionSettingsResolver.HostVariable}; default 127.0.0.1)" });

    public Option<int?> Port { get; } = Recursive(new Option<int?>("--port") { Description = $"MQTT broker port (env {ConnectionSettingsResolver.PortVariable}; default 1883, 8883 with TLS)" });

    public Option<string?> User { get; } = Recursive(new Option<string?>("--user") { Description = $"MQTT user name (env {ConnectionSettingsResolver.UserVariable})" });

    public Option<string?> Password { get; } = Recursive(new Option<string?>("--password") { Description = $"MQTT password (env {ConnectionSettingsResolver.PasswordVariable})" });

    public Option<string?> CaFile { get; } = Recursive(new Option<string?>("--ca-file") { Description = $"CA certificate (PEM): connect with TLS, trusting only this CA (env {ConnectionSettingsResolver.CaFileVariable})" });

    public Option<string> Source { get; } = Recursive(new Option<string>("--source") { Description = "who asks, recorded in the event journal", DefaultValueFactory = _ => "cli" });

    public Option<string?> Chassis { get; } = Recursive(new Option<string?>("--chassis") { Description = "only this chassis (needed for slot:N targets when there are several)" });

    public Option<bool> Json { get; } = Recursive(new Option<bool>("--json") { Description = "print the merged responses as JSON" });

    public IEnumerable<Option> All => [Host, Port, User, Password, CaFile, Source, Chassis, Json];

    public ConnectionFlags Flags(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ConnectionFlags(parse.GetValue(Host), parse.GetValue(Port), parse.GetValue(User), parse.GetValue(Password), parse.GetValue(CaFile));
    }

    private static Option<T> Recursive<T>(Option<T> option)
    {
        option.Recursive = true;
        return option;
    }
}
