using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Mqtt;
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
    private const int MaxPath = 4096;
    private static readonly string[] Boards = ["pi4b", "pi3b+", "pi5"];

    public ValidateOptionsResult Validate(string? name, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            // Protection runs at this cadence: a slower sweep could not trip within Protection:OvercurrentDwell's second.
            Check(options.Interval >= TimeSpan.FromMilliseconds(5) && options.Interval <= TimeSpan.FromSeconds(1),
                $"Sampling:Interval {options.Interval} must be 5 ms to 1 s."),
            Check(options.ProbeInterval >= options.Interval && options.ProbeInterval <= TimeSpan.FromMinutes(1),
                $"Sampling:ProbeInterval {options.ProbeInterval} must be at least Sampling:Interval and at most 1 min."));
    }

    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(Boards.Contains(options.Board.ToLowerInvariant()),
                $"Simulation:Board '{options.Board}' must be one of {string.Join(", ", Boards)}."),
            Check(options.PsuRatedW is > 0 and <= 1000, $"Simulation:PsuRatedW {options.PsuRatedW} must be positive and at most 1000 W."),

            // Up to where the simulated chassis can be driven into its temperature protection.
            Check(options.AmbientC is >= -40 and <= 100, $"Simulation:AmbientC {options.AmbientC} must be -40 to 100 °C."));
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(!string.IsNullOrWhiteSpace(options.DataDir), "Storage:DataDir is empty."),
            Check(options.DataDir.Length <= MaxPath, $"Storage:DataDir is longer than a Linux path may be ({MaxPath} characters)."),
            Check(options.EnergyFlushInterval >= TimeSpan.FromSeconds(1) && options.EnergyFlushInterval <= TimeSpan.FromHours(1),
                $"Storage:EnergyFlushInterval {options.EnergyFlushInterval} must be 1 s to 1 h."),
            Check(options.JournalMaxAge >= TimeSpan.FromHours(1) && options.JournalMaxAge <= TimeSpan.FromDays(3650),
                $"Storage:JournalMaxAge {options.JournalMaxAge} must be 1 h to 10 years."),

            // At about 200 bytes an event, the upper end is 2 GB of the Pi's storage.
            Check(options.JournalMaxEvents is >= 1000 and <= 10_000_000, $"Storage:JournalMaxEvents {options.JournalMaxEvents} must be 1000 to 10000000."));
    }

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.Port is > 0 and <= 65535, $"Mqtt:Port {options.Port} must be 1 to 65535."),
            Check(options.Host is null || options.Host.Trim().Length > 0, "Mqtt:Host is empty."),
            Check(string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host) != UriHostNameType.Unknown,
                $"Mqtt:Host '{options.Host}' is not a host name or IP address."),
            Check(options.Password is null || !string.IsNullOrEmpty(options.Username), "Mqtt:Password is set without Mqtt:Username."),
            MqttStringCheck("Username", options.Username),
            MqttStringCheck("Password", options.Password),
            Check(options.ClientId is null || options.ClientId.Length is > 0 and <= 64, "Mqtt:ClientId must be 1 to 64 characters."),
            Check((options.ClientCertFile is null) == (options.ClientKeyFile is null), "Mqtt:ClientCertFile and Mqtt:ClientKeyFile go together."),
            FileCheck("CaFile", options.CaFile),
            FileCheck("ClientCertFile", options.ClientCertFile),
            FileCheck("ClientKeyFile", options.ClientKeyFile),
            Check(options.Embedded != true || options.Host is null, "Mqtt:Embedded and Mqtt:Host exclude each other."),
            Check(options.Embedded != true || (!options.UsesTls && options.ClientCertFile is null),
                "Mqtt: the embedded broker speaks no TLS; set Mqtt:Host to use TLS."),
            Check(IPAddress.TryParse(options.EmbeddedAddress, out var embedded), $"Mqtt:EmbeddedAddress '{options.EmbeddedAddress}' is not an IP address."),

            // Beyond loopback anyone on the network could switch the chassis: only with accounts and their access rules.
            Check(options.Host is not null || embedded is null || IPAddress.IsLoopback(embedded) || options.EmbeddedAccountsFile is not null,
                $"Mqtt:EmbeddedAddress {options.EmbeddedAddress} is not loopback: the embedded broker listens beyond this machine only with Mqtt:EmbeddedAccountsFile."),
            AccountsCheck(options.EmbeddedAccountsFile),
            Check(options.EmbeddedAccountsFile is null || options.Username is null,
                "Mqtt:EmbeddedAccountsFile and Mqtt:Username exclude each other: with accounts the controller logs in to its embedded broker on its own."),
            Check((options.EmbeddedCertFile is null) == (options.EmbeddedKeyFile is null), "Mqtt:EmbeddedCertFile and Mqtt:EmbeddedKeyFile go together."),
            FileCheck("EmbeddedCertFile", options.EmbeddedCertFile),
            FileCheck("EmbeddedKeyFile", options.EmbeddedKeyFile),
            Check(options.EmbeddedTlsPort is > 0 and <= 65535, $"Mqtt:EmbeddedTlsPort {options.EmbeddedTlsPort} must be 1 to 65535."),
            Check(options.EmbeddedCertFile is null || options.EmbeddedTlsPort != options.Port, $"Mqtt:EmbeddedTlsPort {options.EmbeddedTlsPort} must not be Mqtt:Port."),

            // At least a full request and the 8 KiB docs/mqtt-api.md allows; at most what a Pi can hold a few of at once.
            Check(options.EmbeddedMaxPacketSize is >= 16 * 1024 and <= 16 * 1024 * 1024,
                $"Mqtt:EmbeddedMaxPacketSize {options.EmbeddedMaxPacketSize} must be 16384 to 16777216 bytes."),
            Check(options.KeepAlive >= TimeSpan.FromSeconds(1) && options.KeepAlive <= TimeSpan.FromMinutes(10),
                $"Mqtt:KeepAlive {options.KeepAlive} must be 1 s to 10 min."),
            Check(options.ReconnectMinDelay >= TimeSpan.FromMilliseconds(100) && options.ReconnectMinDelay <= options.ReconnectMaxDelay,
                $"Mqtt:ReconnectMinDelay {options.ReconnectMinDelay} must be at least 100 ms and at most Mqtt:ReconnectMaxDelay."),
            Check(options.ReconnectMaxDelay >= TimeSpan.FromMilliseconds(100) && options.ReconnectMaxDelay <= TimeSpan.FromHours(1),
                $"Mqtt:ReconnectMaxDelay {options.ReconnectMaxDelay} must be 100 ms to 1 h."),
            Check(options.DiscoveryPrefix.Length is > 0 and <= 64 && !options.DiscoveryPrefix.AsSpan().ContainsAny("+#") && options.DiscoveryPrefix.Trim('/') == options.DiscoveryPrefix,
                $"Mqtt:DiscoveryPrefix '{options.DiscoveryPrefix}' must be a topic of at most 64 characters without wildcards or outer slashes."),
            Check(options.CommandRatePerSecond is > 0 and <= 10_000, $"Mqtt:CommandRatePerSecond {options.CommandRatePerSecond} must be above 0 and at most 10000."));
    }

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(
            Check(options.PublishInterval >= TimeSpan.FromSeconds(1) && options.PublishInterval <= TimeSpan.FromHours(1),
                $"Telemetry:PublishInterval {options.PublishInterval} must be 1 s to 1 h."),
            Check(options.DeadbandW is >= 0 and <= 50, $"Telemetry:DeadbandW {options.DeadbandW} must be 0 to 50 W."),
            Check(options.MinInterval >= TimeSpan.Zero && options.MinInterval <= options.PublishInterval,
                $"Telemetry:MinInterval {options.MinInterval} must be 0 to Telemetry:PublishInterval."));
    }

    public ValidateOptionsResult Validate(string? name, ConsoleViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(Check(options.Interval >= TimeSpan.FromMilliseconds(100) && options.Interval <= TimeSpan.FromMinutes(1),
            $"ConsoleView:Interval {options.Interval} must be 100 ms to 1 min."));
    }

    private static string? AccountsCheck(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return FileCheck("EmbeddedAccountsFile", path);
        }

        return PasswordFile.TryRead(path, out _, out var errors) ? null : $"Mqtt:EmbeddedAccountsFile '{path}' {string.Join("; ", errors)}.";
    }

    private static string? FileCheck(string key, string? path) =>
        Check(path is null || File.Exists(path), $"Mqtt:{key} '{path}' does not exist.");

    // MQTT carries a user name or password as a string of at most 65535 UTF-8 bytes.
    private static string? MqttStringCheck(string key, string? value) =>
        Check(value is null || Encoding.UTF8.GetByteCount(value) <= ushort.MaxValue, $"Mqtt:{key} is longer than MQTT allows (65535 bytes).");
}
