using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Simulation;

/// <summary>
/// Plays the node agent of every simulated board over MQTT, as the real agent does on a Pi: a
/// heartbeat as soon as the board is up and then every <see cref="Period"/>, an announcement with
/// the first beat and then every <see cref="AnnouncePeriod"/> while up less than 10 min, the node's
/// <c>status</c>, and a halt when <c>{"action":"halt"}</c> arrives on its <c>cmd</c> topic. Each
/// board carries its slot's configured node name unless <see cref="SetBoardName"/> says otherwise
/// (a board moved in from elsewhere).
/// </summary>
public sealed partial class SimulatedNodeAgents : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan AnnouncePeriod = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AnnounceWhileUpFor = TimeSpan.FromMinutes(10);

    private readonly SimulatedChassis _chassis;
    private readonly TimeProvider _time;
    private readonly ILogger<SimulatedNodeAgents> _logger;
    private readonly MqttConnection _connection;
    private readonly EmbeddedBroker _broker;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _names;
    private readonly Dictionary<int, long> _lastBeat = [];
    private readonly Dictionary<int, long> _lastAnnounce = [];
    private ITimer? _timer;

    public SimulatedNodeAgents(
        SimulatedChassis chassis,
        IOptions<MqttOptions> mqtt,
        IOptions<ChassisOptions> chassisOptions,
        BrokerEndpoint endpoint,
        EmbeddedBroker broker,
        BrokerAccounts accounts,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(chassisOptions);
        ArgumentNullException.ThrowIfNull(loggers);
        _chassis = chassis;
        _broker = broker;
        _time = time;
        _logger = loggers.CreateLogger<SimulatedNodeAgents>();
        _names = chassisOptions.Value.Slots.Where(s => s.Node is not null).ToDictionary(s => s.Slot, s => s.Node!);
        ArgumentNullException.ThrowIfNull(accounts);
        var login = endpoint.Embedded ? accounts.Simulator : null;
        var clientOptions = MqttClientOptionsFactory.Create(mqtt.Value, endpoint, $"pichassis-sim-agents-{chassisOptions.Value.Id}", will: null, login);
        MqttTopicFilter[] subscriptions = [new() { Topic = Topics.NodeCommandFilter, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }];
        _connection = new MqttConnection(clientOptions, subscriptions, mqtt.Value, time, loggers.CreateLogger<MqttConnection>());
    }

    /// <summary>Names the board in <paramref name="slot"/>: its agent reports under this name from now on.</summary>
    public void SetBoardName(int slot, string node)
    {
        lock (_lock)
        {
            _names[slot] = node;
            _lastBeat.Remove(slot);
            _lastAnnounce.Remove(slot);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_broker.Unavailable)
        {
            return;
        }

        _connection.MessageReceived = OnCommandAsync;
        await _connection.StartAsync();
        _timer = _time.CreateTimer(_ => Tick(), null, Check, Check);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        await _connection.StopAsync(null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    /// <summary>Sends the heartbeats due now: at once for a board that just came up, then every period.</summary>
    private void Tick()
    {
        if (!_connection.IsConnected)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var slot in _chassis.Slots)
        {
            string? node;
            bool due;
            bool announce;
            lock (_lock)
            {
                var up = slot.IsUp;
                var wasUp = _lastBeat.TryGetValue(slot.Number, out var last);
                if (!up && wasUp)
                {
                    _lastBeat.Remove(slot.Number);
                    _lastAnnounce.Remove(slot.Number);
                }

                due = up && (!wasUp || _time.GetElapsedTime(last, now) >= Period) && _names.ContainsKey(slot.Number);
                announce = due && slot.UptimeS < AnnounceWhileUpFor.TotalSeconds
                    && (!_lastAnnounce.TryGetValue(slot.Number, out var announced) || _time.GetElapsedTime(announced, now) >= AnnouncePeriod);
                node = _names.GetValueOrDefault(slot.Number);
                if (due)
                {
                    _lastBeat[slot.Number] = now;
                }

                if (announce)
                {
                    _lastAnnounce[slot.Number] = now;
                }
            }

            if (announce && node is not null && NodeNames.IsValid(node))
            {
                var word = new AnnouncePayload(Math.Round(slot.UptimeS, 1));
                _ = _connection.PublishAsync(MqttMessages.Json(Topics.NodeAnnounce(node), word, PiChassisJson.Wire.AnnouncePayload, qos: MqttQualityOfServiceLevel.AtMostOnce));
            }

            if (due && node is not null && NodeNames.IsValid(node))
            {
                var load = slot.LoadFraction;
                var beat = new HeartbeatPayload(_time.GetUtcNow(), Math.Round(slot.UptimeS, 1), Math.Round(load * 4, 2), Math.Round(45 + (25 * load), 1));
                _ = _connection.PublishAsync(MqttMessages.Json(Topics.NodeHeartbeat(node), beat, PiChassisJson.Wire.HeartbeatPayload, qos: MqttQualityOfServiceLevel.AtMostOnce));
            }
        }
    }

    private Task OnCommandAsync(MqttApplicationMessage message)
    {
        if (!Topics.TryParseNodeTopic(message.Topic, "cmd", out var node))
        {
            return Task.CompletedTask;
        }

        int? slot;
        lock (_lock)
        {
            slot = _names.Where(n => n.Value == node).Select(n => (int?)n.Key).FirstOrDefault();
        }

        try
        {
            var command = System.Text.Json.JsonSerializer.Deserialize(message.Payload.FirstSpan, PiChassisJson.Wire.NodeCommandPayload);
            if (slot is { } n && command?.Action == WireValues.HaltAction)
            {
                var halted = _chassis.Slot(n).Halt();
                LogHalt(n, node, halted);
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            LogBadCommand(node, e.Message);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 450, Level = LogLevel.Information, Message = "Simulated node {Node} in slot {Slot} asked to halt (halting: {Halted})")]
    private partial void LogHalt(int slot, string node, bool halted);

    [LoggerMessage(EventId = 451, Level = LogLevel.Warning, Message = "Simulated node {Node} got a command it cannot read: {Reason}")]
    private partial void LogBadCommand(string node, string reason);
}
