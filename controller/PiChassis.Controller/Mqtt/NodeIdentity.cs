using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Plug &amp; play: a board knows its own name, the chassis only where it is. When a slot is
/// powered on, the node whose first heartbeat arrives during that slot's boot (its uptime no
/// longer than the slot has had power) is the node in that slot. The learnt map is kept in the
/// data directory, published in <c>info</c>, and a change raises <see cref="EventType"/>.
/// </summary>
public sealed partial class NodeIdentity(
    ChassisEvents events,
    NodeMapFile mapFile,
    IOptions<ChassisOptions> chassis,
    TimeProvider time,
    ILogger<NodeIdentity> logger)
{
    /// <summary>Raised when a slot's node name changes because another board answered from it.</summary>
    public const string EventType = "node_identified";

    /// <summary>A board's uptime starts a little after its slot's power; this much is forgiven.</summary>
    private static readonly TimeSpan UptimeSlack = TimeSpan.FromSeconds(10);

    /// <summary>The configured node of each slot, to tell a learnt name from the configuration's.</summary>
    public string? ConfiguredNode(int slot) => chassis.Value.Slots.FirstOrDefault(s => s.Slot == slot)?.Node;

    /// <summary>Puts the learnt names back at start; runs on the engine loop.</summary>
    public void Restore(PowerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var (slot, node) in mapFile.Load())
        {
            engine.RenameNode(slot, node);
        }
    }

    /// <summary>A heartbeat from <paramref name="node"/>; runs on the engine loop.</summary>
    public void OnHeartbeat(PowerEngine engine, string node, double? uptimeS)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var states = engine.States;
        var own = states.FirstOrDefault(s => s.Node == node);
        if (own is not { Power: true } && uptimeS is { } uptime && Booting(states, uptime) is { } found)
        {
            Learn(engine, found, node, own);
        }

        engine.OnHeartbeat(node);
    }

    /// <summary>The booting slot whose power-on best matches a board up for <paramref name="uptimeS"/> seconds.</summary>
    private SlotState? Booting(IEnumerable<SlotState> states, double uptimeS)
    {
        var now = time.GetUtcNow();
        return states
            .Where(s => s.Phase == SlotPhase.Booting && (now - s.Since + UptimeSlack).TotalSeconds >= uptimeS)
            .OrderBy(s => Math.Abs((now - s.Since).TotalSeconds - uptimeS))
            .FirstOrDefault();
    }

    private void Learn(PowerEngine engine, SlotState slot, string node, SlotState? previous)
    {
        var configured = ConfiguredNode(slot.Slot);
        engine.RenameNode(slot.Slot, node);
        mapFile.Save(engine.States.Where(s => s.Node != ConfiguredNode(s.Slot)).ToDictionary(s => s.Slot, s => s.Node));
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

        events.Append(EventType, slot.Slot, "plug_and_play", detail);
        LogLearnt(slot.Slot, node, slot.Node, configured);
    }

    [LoggerMessage(EventId = 440, Level = LogLevel.Information, Message = "Slot {Slot} holds node {Node} (was {Previous}, configured {Configured})")]
    private partial void LogLearnt(int slot, string node, string previous, string? configured);
}
