using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Plug &amp; play: a board knows its own name, the chassis only where it is. When a slot is
/// powered on, a node heard while that slot waits for its board's first word (from power-on until
/// the slot's own node speaks; the node's uptime no longer than the slot has had power) may be the
/// board in that slot. It is learnt only when it is still heard <see cref="Confirmation"/> later and
/// the slot's own node has not spoken meanwhile: when a whole rack gets its power back, every
/// chassis's boards boot together, and another chassis's board must not take a slot whose own
/// board is only a little slower. The learnt map is kept in the data directory, published in
/// <c>info</c>, and a change raises <see cref="EventType"/>. Everything here runs on the engine loop.
/// </summary>
public sealed partial class NodeIdentity
{
    /// <summary>Raised when a slot's node name changes because another board answered from it.</summary>
    public const string EventType = "node_identified";

    /// <summary>A board's uptime starts a little after its slot's power; this much is forgiven.</summary>
    private static readonly TimeSpan UptimeSlack = TimeSpan.FromSeconds(10);

    /// <summary>A slot whose board has not spoken this long after power-on has no agent; it is no longer waited for.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a newly heard name must keep speaking, unanswered by the slot's own node, before the
    /// slot takes it: longer than one agent heartbeat period (10 s), so the own node's first beat
    /// gets its chance, and short enough that a moved board is named within a few beats.
    /// </summary>
    public static readonly TimeSpan Confirmation = TimeSpan.FromSeconds(15);

    private readonly ChassisEvents _events;
    private readonly NodeMapFile _mapFile;
    private readonly ChassisOptions _chassis;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeIdentity> _logger;
    private readonly Dictionary<int, DateTimeOffset> _awaitingFirstBeat = [];
    private readonly Dictionary<string, (int Slot, DateTimeOffset FirstHeard)> _candidates = [];

    public NodeIdentity(ChassisEvents events, NodeMapFile mapFile, IOptions<ChassisOptions> chassis, TimeProvider time, ILogger<NodeIdentity> logger)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(chassis);
        _events = events;
        _mapFile = mapFile;
        _chassis = chassis.Value;
        _time = time;
        _logger = logger;
        events.Appended += OnEvent;
    }

    /// <summary>The configured node of a slot, to tell a learnt name from the configuration's.</summary>
    public string? ConfiguredNode(int slot) => _chassis.Slots.FirstOrDefault(s => s.Slot == slot)?.Node;

    /// <summary>Puts the learnt names back at start.</summary>
    public void Restore(PowerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var (slot, node) in _mapFile.Load())
        {
            engine.RenameNode(slot, node);
        }
    }

    /// <summary>A heartbeat from <paramref name="node"/>, up for <paramref name="uptimeS"/> seconds when the agent says.</summary>
    public void OnHeartbeat(PowerEngine engine, string node, double? uptimeS)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var own = engine.States.FirstOrDefault(s => s.Node == node);
        if (own is { Power: true })
        {
            _awaitingFirstBeat.Remove(own.Slot);
            ForgetCandidates(own.Slot);
            _candidates.Remove(node);
        }
        else if (uptimeS is { } uptime && AwaitingSince(uptime) is { } slot)
        {
            var now = _time.GetUtcNow();
            if (_candidates.TryGetValue(node, out var heard) && heard.Slot == slot)
            {
                if (now - heard.FirstHeard >= Confirmation)
                {
                    Learn(engine, engine.States.First(s => s.Slot == slot), node, own);
                }
            }
            else
            {
                _candidates[node] = (slot, now);
            }
        }

        engine.OnHeartbeat(node);
    }

    /// <summary>The slot still waiting for its board's first word whose power-on best matches a board up for <paramref name="uptimeS"/> seconds.</summary>
    private int? AwaitingSince(double uptimeS)
    {
        var now = _time.GetUtcNow();
        foreach (var stale in _awaitingFirstBeat.Where(w => now - w.Value > Window).Select(w => w.Key).ToList())
        {
            _awaitingFirstBeat.Remove(stale);
            ForgetCandidates(stale);
        }

        return _awaitingFirstBeat
            .Where(w => (now - w.Value + UptimeSlack).TotalSeconds >= uptimeS)
            .OrderBy(w => Math.Abs((now - w.Value).TotalSeconds - uptimeS))
            .Select(w => (int?)w.Key)
            .FirstOrDefault();
    }

    private void OnEvent(object? sender, ChassisEvent e)
    {
        if (e.Slot is not { } slot)
        {
            return;
        }

        if (e.Type == EventTypes.PowerOn)
        {
            _awaitingFirstBeat[slot] = e.At;
            ForgetCandidates(slot);
        }
        else if (e.Type == EventTypes.PowerOff)
        {
            _awaitingFirstBeat.Remove(slot);
            ForgetCandidates(slot);
        }
    }

    private void ForgetCandidates(int slot)
    {
        foreach (var node in _candidates.Where(c => c.Value.Slot == slot).Select(c => c.Key).ToList())
        {
            _candidates.Remove(node);
        }
    }

    private void Learn(PowerEngine engine, SlotState slot, string node, SlotState? previous)
    {
        _awaitingFirstBeat.Remove(slot.Slot);
        ForgetCandidates(slot.Slot);
        var configured = ConfiguredNode(slot.Slot);
        engine.RenameNode(slot.Slot, node);
        _mapFile.Save(engine.States.Where(s => s.Node != ConfiguredNode(s.Slot)).ToDictionary(s => s.Slot, s => s.Node));
        var detail = new JsonObject
        {
            ["node"] = node,
            ["previous_node"] = slot.Node,
            ["configured_node"] = configured,
            ["matches_config"] = node == configured,
        };
        if (previous is not null)
        {
            detail["moved_from_slot"] = previous.Slot;
        }

        _events.Append(EventType, slot.Slot, "plug_and_play", detail);
        LogLearnt(slot.Slot, node, slot.Node, configured);
    }

    [LoggerMessage(EventId = 440, Level = LogLevel.Information, Message = "Slot {Slot} holds node {Node} (was {Previous}, configured {Configured})")]
    private partial void LogLearnt(int slot, string node, string previous, string? configured);
}
