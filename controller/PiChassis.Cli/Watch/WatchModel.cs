using System.Text.Json;
using MQTTnet;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Output;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Watch;

/// <summary>
/// What <c>watch</c> shows, kept up to date from the retained and live topics of every chassis;
/// fed on MQTTnet's thread, read by the renderer, hence the lock.
/// </summary>
public sealed class WatchModel
{
    public static readonly IReadOnlyList<string> Filters =
    [
        $"{Topics.Root}/+/status", $"{Topics.Root}/+/info", $"{Topics.Root}/+/telemetry",
        $"{Topics.Root}/+/slot/+/state", $"{Topics.Root}/+/slot/+/telemetry",
    ];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChassisTelemetryPayload> _chassis = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), SlotStatePayload> _states = [];
    private readonly Dictionary<(string, int), SlotTelemetryPayload> _telemetry = [];

    /// <summary>Goes up with every message taken in, so a plain renderer prints only when something changed.</summary>
    public long Version { get; private set; }

    public void Apply(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var levels = message.Topic.Split('/');
        if (levels.Length < 3 || levels[0] != Topics.Root || !Topics.IsValidChassisId(levels[1]))
        {
            return;
        }

        var chassis = levels[1];
        var text = message.ConvertPayloadToString();
        lock (_lock)
        {
            try
            {
                Take(chassis, levels, text);
                Version++;
            }
            catch (JsonException)
            {
                // An empty (cleared) or foreign payload: keep what we had.
            }
        }
    }

    public WatchSnapshot Snapshot()
    {
        lock (_lock)
        {
            var ids = _status.Keys.Union(_chassis.Keys).Union(_states.Keys.Select(k => k.Item1)).Order(StringComparer.Ordinal);
            var chassis = ids.Select(id => new ChassisLine(id, _status.GetValueOrDefault(id), _chassis.GetValueOrDefault(id))).ToList();
            var rows = _states.Select(s => SlotRow.From(s.Key.Item1, s.Value, _telemetry.GetValueOrDefault(s.Key))).ToList();
            return new WatchSnapshot(chassis, rows);
        }
    }

    private void Take(string chassis, string[] levels, string text)
    {
        switch (levels)
        {
            case [_, _, "status"]:
                _status[chassis] = text;
                break;
            case [_, _, "telemetry"]:
                _chassis[chassis] = JsonSerializer.Deserialize(text, PiChassisJson.Wire.ChassisTelemetryPayload)!;
                break;
            case [_, _, "slot", _, "state"]:
                var state = JsonSerializer.Deserialize(text, PiChassisJson.Wire.SlotStatePayload)!;
                _states[(chassis, state.Slot)] = state;
                break;
            case [_, _, "slot", _, "telemetry"]:
                var telemetry = JsonSerializer.Deserialize(text, PiChassisJson.Wire.SlotTelemetryPayload)!;
                _telemetry[(chassis, telemetry.Slot)] = telemetry;
                break;
            default:
                break;
        }
    }
}
