using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Plug &amp; play, bound to the physical slot: a board knows its own name, the chassis only where it
/// is, and a name heard on the broker is a claim, never proof. A configured name
/// (<c>Chassis:Slots:N:Node</c>) is never replaced. For a slot with the default name, a claim counts
/// only when the claimant's uptime matches that slot's own power-on and nothing else explains it: not
/// the power-on of the slot that already answers to the name (slots boot together, so a board's
/// uptime often fits its neighbours' power-ons too), nor that of another slot still waiting for its
/// board's first word (then which slot the board is in is unknown, and nothing is concluded). It may
/// only come from a broker user of that name (the broker's ACL lets user &lt;node&gt; alone write
/// <c>pichassis/nodes/&lt;node&gt;/…</c>; the controller relies on it). A name still heard
/// <see cref="Confirmation"/> later, with no other claimant meanwhile, becomes the slot's pending
/// name, which an operator confirms or rejects; two claimants, or a name that a powered, beating slot
/// holds, raise <see cref="EventTypes.IdentityConflict"/> and change nothing. Everything here runs
/// on the engine loop.
/// </summary>
public sealed partial class NodeIdentity
{
    /// <summary>Raised when a name is learnt for a slot; it is pending until an operator confirms or rejects it.</summary>
    public const string EventType = "node_identified";

    /// <summary>
    /// A board's kernel starts its uptime after the bootloader (a Pi 4 spends several seconds there)
    /// and reports it a moment later: an uptime this much shorter than the slot's power still matches.
    /// </summary>
    private static readonly TimeSpan UptimeSlack = TimeSpan.FromSeconds(20);

    /// <summary>Uptime is reported in whole seconds and clocks tick apart: this much longer still matches.</summary>
    private static readonly TimeSpan UptimeAhead = TimeSpan.FromSeconds(2);

    /// <summary>A slot whose board has not spoken this long after power-on has no agent; it is no longer waited for.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>A slot whose node was heard this recently is alive: its name is not another slot's to take.</summary>
    private static readonly TimeSpan Beating = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a newly heard name must keep speaking, unanswered by the slot's own node and by any
    /// other claimant, before it becomes the slot's pending name: longer than one agent heartbeat
    /// period (10 s), so the own node's first beat gets its chance.
    /// </summary>
    public static readonly TimeSpan Confirmation = TimeSpan.FromSeconds(15);

    private readonly ChassisEvents _events;
    private readonly NodeMapFile _mapFile;
    private readonly ChassisOptions _chassis;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeIdentity> _logger;
    private readonly Dictionary<int, DateTimeOffset> _poweredOn = [];
    private readonly HashSet<int> _awaitingFirstBeat = [];
    private readonly Dictionary<int, (string Node, DateTimeOffset FirstHeard)> _claims = [];

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

    /// <summary>Raised on the engine loop with every name the chassis answers to (slot names and pending ones) when they change.</summary>
    public event EventHandler<IReadOnlyCollection<string>>? NodesChanged;

    /// <summary>The configured (or default) node of a slot, to tell a learnt name from the configuration's.</summary>
    public string? ConfiguredNode(int slot) => Options(slot)?.Node;

    /// <summary>The learnt names saved in the data directory; read at start, off the engine loop (it reads the disk).</summary>
    public IReadOnlyDictionary<int, string> LoadSaved() => _mapFile.Load();

    /// <summary>Puts the <paramref name="saved"/> learnt names back at start; a configured slot keeps its configured name whatever the file says.</summary>
    public void Restore(PowerEngine engine, IReadOnlyDictionary<int, string> saved)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var (slot, node) in saved)
        {
            if (IsLearnable(slot) && !_chassis.Slots.Any(s => !s.NodeIsDefault && s.Node == node))
            {
                engine.RenameNode(slot, node);
            }
        }

        RaiseNodesChanged(engine);
    }

    /// <summary>
    /// A heartbeat or an announcement from <paramref name="node"/>, up for <paramref name="uptimeS"/>
    /// seconds when the agent says. It proves <paramref name="node"/> alive; it claims a slot only as
    /// the class summary says.
    /// </summary>
    public void OnHeartbeat(PowerEngine engine, string node, double? uptimeS)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!NodeNames.IsValid(node))
        {
            return;
        }

        var holder = engine.States.FirstOrDefault(s => s.Node == node || s.PendingNode == node);
        var bootedAt = uptimeS is { } uptime ? _time.GetUtcNow() - TimeSpan.FromSeconds(uptime) : (DateTimeOffset?)null;
        // A board whose uptime fits the power-on of the slot that has its name speaks from there, however many slots booted with it.
        var fromItsSlot = holder is { Power: true } && bootedAt is { } booted && BootedWith(holder.Slot, booted);
        var claimed = bootedAt is { } at && !fromItsSlot ? OnlyAwaitingBootedWith(at, node) : null;
        if (holder is { Power: true })
        {
            if (claimed is { } other && other != holder.Slot && engine.IsBeating(holder.Slot, Beating))
            {
                Conflict(other, node, $"node {node} already holds slot {holder.Slot}, which is powered and beating", holder.Slot);
            }
            else
            {
                // The slot's own board has spoken: nobody else is waited for there.
                _awaitingFirstBeat.Remove(holder.Slot);
                _claims.Remove(holder.Slot);
            }
        }
        else if (claimed is { } slot)
        {
            if (holder is not null && !IsLearnable(holder.Slot))
            {
                Conflict(slot, node, $"node {node} is configured for slot {holder.Slot}", holder.Slot);
            }
            else
            {
                Claim(engine, slot, node, holder);
            }
        }

        engine.OnHeartbeat(node);
    }

    /// <summary>Makes the pending name of <paramref name="slot"/> its name, unless a slot that is configured with it or alive holds it.</summary>
    public CommandResult Confirm(PowerEngine engine, int slot, string source)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var state = engine.States.First(s => s.Slot == slot);
        if (state.PendingNode is not { } node)
        {
            return Refused(state, ErrorCodes.NotPending, $"slot {slot} has no pending node name");
        }

        if (engine.States.FirstOrDefault(s => s.Node == node) is { } holder
            && (!IsLearnable(holder.Slot) || engine.IsBeating(holder.Slot, Beating)))
        {
            return Refused(state, ErrorCodes.IdentityConflict, $"node {node} is slot {holder.Slot}'s, {(IsLearnable(holder.Slot) ? "which is powered and beating" : "by configuration")}");
        }

        engine.SetPendingNode(slot, null);
        engine.RenameNode(slot, node);
        SaveMap(engine);
        _events.Append(EventTypes.IdentityConfirmed, slot, source, new JsonObject { ["node"] = node, ["previous_node"] = state.Node });
        LogConfirmed(slot, node, state.Node);
        RaiseNodesChanged(engine);
        return Done(engine, slot);
    }

    /// <summary>Forgets the pending name of <paramref name="slot"/>, or its learnt one: the slot has its configured (or default) name again.</summary>
    public CommandResult Reject(PowerEngine engine, int slot, string source)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var state = engine.States.First(s => s.Slot == slot);
        var configured = ConfiguredNode(slot) ?? state.Node;
        JsonObject detail;
        if (state.PendingNode is { } pending)
        {
            engine.SetPendingNode(slot, null);
            detail = new JsonObject { ["node"] = pending, ["pending"] = true, ["restored_node"] = state.Node };
        }
        else if (state.Node != configured)
        {
            if (engine.States.FirstOrDefault(s => s.Node == configured) is { } holder)
            {
                return Refused(state, ErrorCodes.IdentityConflict, $"slot {holder.Slot} holds {configured} now; reject slot {holder.Slot} first");
            }

            engine.RenameNode(slot, configured);
            SaveMap(engine);
            detail = new JsonObject { ["node"] = state.Node, ["pending"] = false, ["restored_node"] = configured };
        }
        else
        {
            return Refused(state, ErrorCodes.NotPending, $"slot {slot} has its configured name {configured}: nothing learnt to reject");
        }

        _events.Append(EventTypes.IdentityRejected, slot, source, detail);
        LogRejected(slot, (string)detail["node"]!, (string)detail["restored_node"]!);
        RaiseNodesChanged(engine);
        return Done(engine, slot);
    }

    private bool IsLearnable(int slot) => Options(slot) is { NodeIsDefault: true };

    private SlotOptions? Options(int slot) => _chassis.Slots.FirstOrDefault(s => s.Slot == slot);

    /// <summary>Whether a board that started at <paramref name="bootedAt"/> may have booted with <paramref name="slot"/>'s latest power-on.</summary>
    private bool BootedWith(int slot, DateTimeOffset bootedAt) =>
        _poweredOn.TryGetValue(slot, out var on) && bootedAt >= on - UptimeAhead && bootedAt <= on + UptimeSlack;

    /// <summary>
    /// The learnable slot, still waiting for its board's first word, whose power-on matches a board
    /// that started at <paramref name="bootedAt"/>; none when several match, as slots powered on
    /// together do: which of them the board is in is then unknown.
    /// </summary>
    private int? OnlyAwaitingBootedWith(DateTimeOffset bootedAt, string node)
    {
        var now = _time.GetUtcNow();
        foreach (var stale in _awaitingFirstBeat.Where(s => now - _poweredOn[s] > Window).ToList())
        {
            _awaitingFirstBeat.Remove(stale);
            _claims.Remove(stale);
        }

        var matches = _awaitingFirstBeat.Where(s => BootedWith(s, bootedAt)).Order().ToList();
        if (matches.Count > 1)
        {
            LogAmbiguous(node, matches);
        }

        return matches.Count == 1 ? matches[0] : null;
    }

    private void Claim(PowerEngine engine, int slot, string node, SlotState? movedFrom)
    {
        var now = _time.GetUtcNow();
        if (!_claims.TryGetValue(slot, out var claim))
        {
            _claims[slot] = (node, now);
        }
        else if (claim.Node != node)
        {
            Conflict(slot, node, $"nodes {claim.Node} and {node} both claim slot {slot}", null, claim.Node);
        }
        else if (now - claim.FirstHeard >= Confirmation)
        {
            Learn(engine, engine.States.First(s => s.Slot == slot), node, movedFrom);
        }
    }

    private void OnEvent(object? sender, ChassisEvent e)
    {
        if (e.Slot is not { } slot)
        {
            return;
        }

        if (e.Type == EventTypes.PowerOn)
        {
            _poweredOn[slot] = e.At;
            if (IsLearnable(slot))
            {
                _awaitingFirstBeat.Add(slot);
                _claims.Remove(slot);
            }
        }
        else if (e.Type == EventTypes.PowerOff)
        {
            _poweredOn.Remove(slot);
            _awaitingFirstBeat.Remove(slot);
            _claims.Remove(slot);
        }
    }

    /// <summary>Nothing changes in <paramref name="slot"/> for this power-on; the operator is told why.</summary>
    private void Conflict(int slot, string node, string reason, int? heldBy, string? otherClaimant = null)
    {
        _awaitingFirstBeat.Remove(slot);
        _claims.Remove(slot);
        var detail = new JsonObject { ["node"] = node, ["reason"] = reason };
        if (heldBy is { } holder)
        {
            detail["held_by_slot"] = holder;
        }

        if (otherClaimant is not null)
        {
            detail["other_node"] = otherClaimant;
        }

        _events.Append(EventTypes.IdentityConflict, slot, "plug_and_play", detail);
        LogConflict(slot, reason);
    }

    private void Learn(PowerEngine engine, SlotState slot, string node, SlotState? movedFrom)
    {
        _awaitingFirstBeat.Remove(slot.Slot);
        _claims.Remove(slot.Slot);
        foreach (var stale in engine.States.Where(s => s.PendingNode == node).Select(s => s.Slot).ToList())
        {
            // The board left the slot where it was pending: a name is pending in one slot at most.
            engine.SetPendingNode(stale, null);
        }

        engine.SetPendingNode(slot.Slot, node);
        var detail = new JsonObject
        {
            ["node"] = node,
            ["previous_node"] = slot.Node,
            ["configured_node"] = ConfiguredNode(slot.Slot),
            ["pending"] = true,
        };
        if (movedFrom is not null)
        {
            detail["moved_from_slot"] = movedFrom.Slot;
        }

        _events.Append(EventType, slot.Slot, "plug_and_play", detail);
        LogLearnt(slot.Slot, node, slot.Node);
        RaiseNodesChanged(engine);
    }

    private void SaveMap(PowerEngine engine) =>
        _mapFile.Save(engine.States.Where(s => s.Node != ConfiguredNode(s.Slot)).ToDictionary(s => s.Slot, s => s.Node));

    private void RaiseNodesChanged(PowerEngine engine) =>
        NodesChanged?.Invoke(this, [.. engine.States.Select(s => s.Node), .. engine.States.Select(s => s.PendingNode).OfType<string>()]);

    private static CommandResult Refused(SlotState state, string code, string message) => CommandResult.Refused(state.Slot, state.Phase, code, message);

    private static CommandResult Done(PowerEngine engine, int slot) => CommandResult.Accepted(slot, engine.States.First(s => s.Slot == slot).Phase);

    [LoggerMessage(EventId = 440, Level = LogLevel.Information, Message = "Slot {Slot} may hold node {Node} (answers to {Current} until an operator confirms)")]
    private partial void LogLearnt(int slot, string node, string current);

    [LoggerMessage(EventId = 439, Level = LogLevel.Debug, Message = "Node {Node}'s uptime fits the power-on of slots {Slots}, which still wait for their boards: it counts for none of them")]
    private partial void LogAmbiguous(string node, IEnumerable<int> slots);

    [LoggerMessage(EventId = 447, Level = LogLevel.Warning, Message = "Slot {Slot}: identity conflict, nothing changed: {Reason}")]
    private partial void LogConflict(int slot, string reason);

    [LoggerMessage(EventId = 448, Level = LogLevel.Information, Message = "Slot {Slot}: node {Node} confirmed (was {Previous})")]
    private partial void LogConfirmed(int slot, string node, string previous);

    [LoggerMessage(EventId = 449, Level = LogLevel.Information, Message = "Slot {Slot}: node {Node} rejected; the slot is {Restored} again")]
    private partial void LogRejected(int slot, string node, string restored);
}
