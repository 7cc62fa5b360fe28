using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the smaller sections (sampling, simulation, storage, MQTT, console view).</summary>
public sealed class ControllerOptionsValidator :
    IValidateOptions<SamplingOptions>,
    IValidateOptions<SimulationOptions>,
    IValidateOptions<StorageOptions>,
    IValidateOptions<MqttOptions>,
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
            Check(options.Host is null || options.Host.Trim().Length > 0, "Mqtt:Host is empty."));
    }

    public ValidateOptionsResult Validate(string? name, ConsoleViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(Check(options.Interval >= TimeSpan.FromMilliseconds(100),
            $"ConsoleView:Interval {options.Interval} must be at least 100 ms."));
    }
}
