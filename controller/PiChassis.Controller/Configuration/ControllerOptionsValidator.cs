using System.Net;
using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the smaller sections (sampling, simulation, storage, MQTT, telemetry, console view).</summary>
public sealed class ControllerOptionsValidator :
    IValidateOptions<SamplingOptions>,
    IValidateOptions<SimulationOptions>,
    IValidateOptions<StorageOptions>,
    IValidateOptions<MqttOptions>,
    IValidateOptions<TelemetryOptions>,
    IValidateOptions<ConsoleViewOptions>
{
    private static readonly string[] Boards = ["pi4b", "pi3b+", "pi5"];

    public ValidateOptionsResult Validate(string? name, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.Interval >= TimeSpan.FromMilliseconds(5) && options.Interval <= TimeSpan.FromSeconds(10),
                $"Sampling:Interval {options.Interval} must be 5 ms to 10 s."),
            Check(options.ProbeInterval >= options.Interval && options.ProbeInterval <= TimeSpan.FromMinutes(1),
                $"Sampling:ProbeInterval {options.ProbeInterval} must be at least Sampling:Interval and at most 1 min."));
    }

    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(Boards.Contains(options.Board.ToLowerInvariant()),
                $"Simulation:Board '{options.Board}' must be one of {string.Join(", ", Boards)}."),
            Check(options.PsuRatedW > 0, $"Simulation:PsuRatedW {options.PsuRatedW} must be positive."));
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(!string.IsNullOrWhiteSpace(options.DataDir), "Storage:DataDir is empty."),
            Check(options.EnergyFlushInterval >= TimeSpan.FromSeconds(1) && options.EnergyFlushInterval <= TimeSpan.FromHours(1),
                $"Storage:EnergyFlushInterval {options.EnergyFlushInterval} must be 1 s to 1 h."),
            Check(options.JournalMaxAge >= TimeSpan.FromHours(1), $"Storage:JournalMaxAge {options.JournalMaxAge} must be at least 1 h."),
            Check(options.JournalMaxEvents >= 1000, $"Storage:JournalMaxEvents {options.JournalMaxEvents} must be at least 1000."));
    }

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.Port is > 0 and <= 65535, $"Mqtt:Port {options.Port} must be 1 to 65535."),
            Check(options.Host is null || options.Host.Trim().Length > 0, "Mqtt:Host is empty."),
            Check(options.Password is null || !string.IsNullOrEmpty(options.Username), "Mqtt:Password is set without Mqtt:Username."),
            Check(options.ClientId is null || options.ClientId.Length is > 0 and <= 64, "Mqtt:ClientId must be 1 to 64 characters."),
            Check((options.ClientCertFile is null) == (options.ClientKeyFile is null), "Mqtt:ClientCertFile and Mqtt:ClientKeyFile go together."),
            FileCheck("CaFile", options.CaFile),
            FileCheck("ClientCertFile", options.ClientCertFile),
            FileCheck("ClientKeyFile", options.ClientKeyFile),
            Check(options.Embedded != true || options.Host is null, "Mqtt:Embedded and Mqtt:Host exclude each other."),
            Check(options.Embedded != true || (!options.UsesTls && options.ClientCertFile is null),
                "Mqtt: the embedded broker speaks no TLS; set Mqtt:Host to use TLS."),
            Check(IPAddress.TryParse(options.EmbeddedAddress, out _), $"Mqtt:EmbeddedAddress '{options.EmbeddedAddress}' is not an IP address."),
            Check(options.KeepAlive >= TimeSpan.FromSeconds(1) && options.KeepAlive <= TimeSpan.FromMinutes(10),
                $"Mqtt:KeepAlive {options.KeepAlive} must be 1 s to 10 min."),
            Check(options.ReconnectMinDelay >= TimeSpan.FromMilliseconds(100) && options.ReconnectMinDelay <= options.ReconnectMaxDelay,
                $"Mqtt:ReconnectMinDelay {options.ReconnectMinDelay} must be at least 100 ms and at most Mqtt:ReconnectMaxDelay."),
            Check(options.ReconnectMaxDelay <= TimeSpan.FromHours(1), $"Mqtt:ReconnectMaxDelay {options.ReconnectMaxDelay} must be at most 1 h."),
            Check(options.DiscoveryPrefix.Length > 0 && !options.DiscoveryPrefix.AsSpan().ContainsAny("+#") && options.DiscoveryPrefix.Trim('/') == options.DiscoveryPrefix,
                $"Mqtt:DiscoveryPrefix '{options.DiscoveryPrefix}' must be a topic without wildcards or outer slashes."),
            Check(options.CommandRatePerSecond is > 0 and <= 10_000, $"Mqtt:CommandRatePerSecond {options.CommandRatePerSecond} must be above 0 and at most 10000."));
    }

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.PublishInterval >= TimeSpan.FromSeconds(1) && options.PublishInterval <= TimeSpan.FromHours(1),
                $"Telemetry:PublishInterval {options.PublishInterval} must be 1 s to 1 h."),
            Check(options.DeadbandW >= 0, $"Telemetry:DeadbandW {options.DeadbandW} must not be negative."),
            Check(options.MinInterval >= TimeSpan.Zero && options.MinInterval <= options.PublishInterval,
                $"Telemetry:MinInterval {options.MinInterval} must be 0 to Telemetry:PublishInterval."));
    }

    public ValidateOptionsResult Validate(string? name, ConsoleViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(Check(options.Interval >= TimeSpan.FromMilliseconds(100),
            $"ConsoleView:Interval {options.Interval} must be at least 100 ms."));
    }

    private static string? FileCheck(string key, string? path) =>
        Check(path is null || File.Exists(path), $"Mqtt:{key} '{path}' does not exist.");
}
