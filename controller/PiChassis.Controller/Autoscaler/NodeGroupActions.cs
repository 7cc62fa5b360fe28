using System.Globalization;
using Grpc.Core;
using PiChassis.Controller.Autoscaler.Grpc;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// What the autoscaler's calls mean for the chassis. Synchronous and lock-free like the engine: every
/// method runs on the engine loop (<see cref="CloudProviderService"/> sends it there), so what it reads
/// cannot change under it, and a request is checked whole before anything is switched: a refusal
/// changes nothing. Switches go through <see cref="PowerEngine.Execute"/> as remote commands from
/// <see cref="Source"/>, so arbitration and the journal treat them as any remote command.
/// </summary>
/// <remarks>
/// Slots of other chassis (a group's <see cref="AutoscaledGroup.RemoteNodes"/>) are read from
/// <see cref="RemoteSlots"/> and counted like local ones; a change returns those to switch in its
/// <see cref="GroupChange"/>, for their own controllers to decide on; this chassis' part of such a
/// change waits for them (<see cref="Commit"/>). Local slots are used first.
/// </remarks>
public sealed class NodeGroupActions(NodeGroupSet groups, RemoteSlots remote, CapacityPolicy policy, string chassisId, TimeProvider time)
{
    /// <summary>The source of every command and journal entry the autoscaler causes.</summary>
    public const string Source = "k8s-autoscaler";

    public NodeGroupsResponse NodeGroups()
    {
        var response = new NodeGroupsResponse();
        response.NodeGroups.AddRange(groups.Groups.Select(Describe));
        return response;
    }

    /// <summary>The node's group by its provider ID (this chassis' only), else by its name; an empty id for none.</summary>
    public NodeGroup ForNode(PowerEngine engine, ExternalGrpcNode? node)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (node is not null && RemoteOf(node) is { } far)
        {
            return groups.GroupOf(far.Node) is { } owner ? Describe(owner) : new NodeGroup { Id = "" };
        }

        int? slot = null;
        if (ProviderIds.TryParse(node?.ProviderID, out var chassis, out var number))
        {
            slot = chassis == chassisId ? number : null;
        }
        else if (node?.Name is { Length: > 0 } name)
        {
            slot = engine.States.FirstOrDefault(s => string.Equals(s.Node, name, StringComparison.Ordinal))?.Slot;
        }

        return slot is { } found && groups.GroupOf(found) is { } group ? Describe(group) : new NodeGroup { Id = "" };
    }

    /// <summary>Nodes of the group the autoscaler has or will have: queued, booting or on, read from the engine so a restart keeps it.</summary>
    public GroupOutcome<int> TargetSize(PowerEngine engine, string id)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return groups.Find(id) is { } group
            ? GroupOutcome.Success(Target(engine, group))
            : NotFound<int>(id);
    }

    /// <summary>
    /// Powers <paramref name="delta"/> more slots of the group on, coolest and least worn first, all or
    /// none: the group's maximum, the slots that may be switched on, and the supply's room for every
    /// boot peak at once (beside the boots already queued) are checked first. When this chassis has too
    /// few, off slots of reachable remote chassis make up the rest; their own controllers check their budget.
    /// </summary>
    public GroupChange IncreaseSize(PowerEngine engine, string id, int delta)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (groups.Find(id) is not { } group)
        {
            return NotFoundStatus(id);
        }

        if (delta <= 0)
        {
            return new Status(StatusCode.InvalidArgument, $"delta {delta} must be positive");
        }

        // In long: an int target plus a huge delta would wrap round below the maximum.
        var target = Target(engine, group);
        if ((long)target + delta > group.MaxSize)
        {
            return new Status(StatusCode.InvalidArgument,
                $"group {group.Name}: {target} + {delta} nodes is more than its maximum of {group.MaxSize}");
        }

        var free = engine.States.Where(s => group.Slots.Contains(s.Slot) && s.Phase == SlotPhase.Off
            && engine.Refusal(On(s.Slot)) is null);
        var chosen = policy.RankForPowerOn(free).Take(delta).ToList();
        var far = RemoteSlotsOf(group).Where(s => remote.IsReachable(s.Chassis) && s.Phase == SlotPhase.Off && !s.Locked
            && s.FaultCode is null && s.Policy != "always_off").Take(delta - chosen.Count).ToList();
        if (chosen.Count + far.Count < delta)
        {
            return new Status(StatusCode.ResourceExhausted,
                $"group {group.Name}: only {chosen.Count + far.Count} of the {delta} nodes asked can be powered on (the others are on, faulted, locked, held off, rate-limited or on an unreachable chassis)");
        }

        var asked = chosen.Sum(s => engine.BootReservationW(s.Slot));
        var queued = engine.States.Where(s => s.Phase == SlotPhase.Queued).Sum(s => engine.BootReservationW(s.Slot));
        var available = engine.HeadroomW - queued;
        if (asked > available)
        {
            return new Status(StatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
                $"budget_exceeded: booting {delta} nodes of group {group.Name} needs {asked:F1} W, the supply has {Math.Max(0, available):F1} W free"));
        }

        return Switch(engine, [.. chosen.Select(s => On(s.Slot))], far);
    }

    /// <summary>
    /// Switches exactly the named nodes off gracefully (halt, then relay), all or none. Refused for a node
    /// outside the group, locked, holding a lease, or below the group's minimum. A faulted node is off
    /// already: accepted, and left latched for an operator.
    /// </summary>
    public GroupChange DeleteNodes(PowerEngine engine, string id, IEnumerable<ExternalGrpcNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(nodes);
        if (groups.Find(id) is not { } group)
        {
            return NotFoundStatus(id);
        }

        var slots = new List<SlotState>();
        var far = new List<RemoteSlot>();
        foreach (var node in nodes)
        {
            if (RemoteOf(node) is { } other)
            {
                if (RemoteRefusal(group, node, other) is { } refusal)
                {
                    return refusal;
                }

                if (!far.Contains(other))
                {
                    far.Add(other);
                }

                continue;
            }

            var found = ForNodeSlot(engine, node);
            if (found is null || !group.Slots.Contains(found.Slot))
            {
                return new Status(StatusCode.InvalidArgument, $"node {Name(node)} is not in group {group.Name}");
            }

            if (slots.Any(s => s.Slot == found.Slot))
            {
                continue;
            }

            if (found.Locked)
            {
                return new Status(StatusCode.FailedPrecondition, $"node {found.Node} (slot {found.Slot}) is locked for maintenance");
            }

            if (policy.Leases.TryGetValue(found.Slot, out var until) && until > time.GetUtcNow())
            {
                return new Status(StatusCode.FailedPrecondition, $"node {found.Node} (slot {found.Slot}) is leased until {until:O}");
            }

            if (found.Phase != SlotPhase.Fault && engine.Refusal(Off(found.Slot)) is { } refused)
            {
                return new Status(StatusCode.FailedPrecondition, $"node {found.Node} (slot {found.Slot}): {refused.ErrorCode}: {refused.Message}");
            }

            slots.Add(found);
        }

        var target = Target(engine, group);
        var leaving = slots.Count(IsTargeted) + far.Count(s => IsTargeted(s.Phase));
        if (target - leaving < group.MinSize)
        {
            return new Status(StatusCode.FailedPrecondition,
                $"group {group.Name}: deleting {leaving} of its {target} nodes goes below its minimum of {group.MinSize}");
        }

        return Switch(engine, [.. slots.Where(s => s.Phase != SlotPhase.Fault).Select(s => Off(s.Slot))], [.. far.Where(s => s.Phase != SlotPhase.Fault)]);
    }

    /// <summary>
    /// This chassis' part of a change whose other chassis have accepted theirs: switched as a whole, or
    /// refused as a whole when one of its slots can no longer be switched since the change was checked.
    /// </summary>
    public Status Commit(PowerEngine engine, GroupChange change)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var command in change.Local)
        {
            if (engine.Refusal(command) is { } refused)
            {
                return new Status(StatusCode.FailedPrecondition,
                    $"slot {command.Slot} of chassis {chassisId}: {refused.ErrorCode}: {refused.Message}; nothing was switched on {chassisId}, the other chassis switched their nodes");
            }
        }

        foreach (var command in change.Local)
        {
            engine.Execute(command);
        }

        return Status.DefaultSuccess;
    }

    /// <summary>Gives up <c>-delta</c> power-ons still queued (the newest first); nodes that boot or run are never touched.</summary>
    public Status DecreaseTargetSize(PowerEngine engine, string id, int delta)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (groups.Find(id) is not { } group)
        {
            return NotFoundStatus(id);
        }

        if (delta >= 0)
        {
            return new Status(StatusCode.InvalidArgument, $"delta {delta} must be negative");
        }

        var queued = engine.States.Where(s => group.Slots.Contains(s.Slot) && s.Phase == SlotPhase.Queued)
            .OrderByDescending(s => s.Since).ThenByDescending(s => s.Slot).ToList();
        if (-(long)delta > queued.Count)
        {
            return new Status(StatusCode.InvalidArgument,
                $"group {group.Name}: {-(long)delta} power-ons to give up, but only {queued.Count} are queued (booting and running nodes are deleted by name)");
        }

        foreach (var slot in queued.Take(-delta))
        {
            engine.Execute(Off(slot.Slot));
        }

        return Status.DefaultSuccess;
    }

    /// <summary>Every slot of the group that exists for the autoscaler (not off), with its state and its error, if any.</summary>
    public GroupOutcome<NodeGroupNodesResponse> Nodes(PowerEngine engine, string id)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (groups.Find(id) is not { } group)
        {
            return NotFound<NodeGroupNodesResponse>(id);
        }

        var response = new NodeGroupNodesResponse();
        foreach (var slot in engine.States.Where(s => group.Slots.Contains(s.Slot)))
        {
            if (InstanceStatusOf(engine, slot) is { } status)
            {
                response.Instances.Add(new Instance { Id = ProviderIds.For(chassisId, slot.Slot), Status = status });
            }
        }

        foreach (var slot in RemoteSlotsOf(group))
        {
            if (RemoteStatusOf(slot) is { } status)
            {
                response.Instances.Add(new Instance { Id = ProviderIds.For(slot.Chassis, slot.Slot), Status = status });
            }
        }

        return GroupOutcome.Success(response);
    }

    /// <summary>
    /// Queued or booting: creating; on: running; shutting down: deleting; off: no instance. A fault, or a
    /// boot that ended without a heartbeat, is a creation that failed (creating with its error): the
    /// autoscaler then gives up on that node and backs the group off, as with a cloud's failed VM.
    /// </summary>
    private static InstanceStatus? InstanceStatusOf(PowerEngine engine, SlotState slot)
    {
        if (slot.Fault is { } fault)
        {
            return Failed(fault.Code, fault.Message, IsOutOfResources(fault.Code) ? ErrorClass.OutOfResources : ErrorClass.Other);
        }

        return slot.Phase switch
        {
            SlotPhase.Queued or SlotPhase.Booting => new InstanceStatus { InstanceState = InstanceStatus.Types.InstanceState.InstanceCreating },
            SlotPhase.On when engine.BootTimedOut(slot.Slot) => Failed("boot_timeout", "the node booted without ever sending a heartbeat", ErrorClass.Other),
            SlotPhase.On => new InstanceStatus { InstanceState = InstanceStatus.Types.InstanceState.InstanceRunning },
            SlotPhase.ShuttingDown => new InstanceStatus { InstanceState = InstanceStatus.Types.InstanceState.InstanceDeleting },
            _ => null,
        };
    }

    /// <summary>As <see cref="InstanceStatusOf"/> from the remote controller's last state; a chassis gone offline has every node it had up in error.</summary>
    private InstanceStatus? RemoteStatusOf(RemoteSlot slot)
    {
        if (slot.Phase == SlotPhase.Off)
        {
            return null;
        }

        if (!remote.IsReachable(slot.Chassis))
        {
            return Failed("chassis_unreachable", $"chassis unreachable: {slot.Chassis} is offline", ErrorClass.Other);
        }

        if (slot.FaultCode is { } code)
        {
            return Failed(code, slot.FaultMessage ?? "", IsOutOfResources(code) ? ErrorClass.OutOfResources : ErrorClass.Other);
        }

        return slot.Phase switch
        {
            SlotPhase.Queued or SlotPhase.Booting => new InstanceStatus { InstanceState = InstanceStatus.Types.InstanceState.InstanceCreating },
            SlotPhase.On => new InstanceStatus { InstanceState = InstanceStatus.Types.InstanceState.InstanceRunning },
            SlotPhase.ShuttingDown => new InstanceStatus { InstanceState = InstanceStatus.Types.InstanceState.InstanceDeleting },
            _ => null,
        };
    }

    private static InstanceStatus Failed(string code, string message, int errorClass) => new()
    {
        InstanceState = InstanceStatus.Types.InstanceState.InstanceCreating,
        ErrorInfo = new InstanceErrorInfo { ErrorCode = code, ErrorMessage = message, InstanceErrorClass = errorClass },
    };

    // The supply or the heat had no room for the node: capacity, not a broken board.
    private static bool IsOutOfResources(string faultCode) => faultCode is FaultCodes.Undervoltage or FaultCodes.Overtemperature;

    /// <summary>The group for the template node; the bytes come from <see cref="NodeTemplate"/>.</summary>
    public GroupOutcome<AutoscaledGroup> Group(string id) =>
        groups.Find(id) is { } group ? GroupOutcome.Success(group) : NotFound<AutoscaledGroup>(id);

    private SlotState? ForNodeSlot(PowerEngine engine, ExternalGrpcNode node)
    {
        if (ProviderIds.TryParse(node.ProviderID, out var chassis, out var number))
        {
            return chassis == chassisId ? engine.States.FirstOrDefault(s => s.Slot == number) : null;
        }

        return engine.States.FirstOrDefault(s => string.Equals(s.Node, node.Name, StringComparison.Ordinal));
    }

    /// <summary>
    /// Switches a change that stays on this chassis at once; one with nodes of other chassis holds this
    /// chassis' commands back until theirs are accepted (<see cref="Commit"/>), so a refusal there leaves this one untouched.
    /// </summary>
    private static GroupChange Switch(PowerEngine engine, List<SlotCommand> local, List<RemoteSlot> far)
    {
        if (far.Count > 0)
        {
            return new GroupChange(Status.DefaultSuccess, far, local);
        }

        foreach (var command in local)
        {
            engine.Execute(command);
        }

        return new GroupChange(Status.DefaultSuccess, [], []);
    }

    /// <summary>A node of another chassis, by its provider ID or else its name, as that chassis last published it.</summary>
    private RemoteSlot? RemoteOf(ExternalGrpcNode node) =>
        ProviderIds.TryParse(node.ProviderID, out var chassis, out var number)
            ? chassis == chassisId ? null : remote.Find(chassis, number)
            : node.Name is { Length: > 0 } name && groups.GroupOf(name) is not null ? remote.Find(name) : null;

    /// <summary>Why a remote node may not be deleted from <paramref name="group"/>: this chassis checks membership, reach and lock; its own controller the rest.</summary>
    private Status? RemoteRefusal(AutoscaledGroup group, ExternalGrpcNode node, RemoteSlot slot) =>
        !group.RemoteNodes.Contains(slot.Node) ? new Status(StatusCode.InvalidArgument, $"node {Name(node)} is not in group {group.Name}")
        : !remote.IsReachable(slot.Chassis) ? new Status(StatusCode.Unavailable, $"node {slot.Node}: chassis unreachable: {slot.Chassis} is offline")
        : slot.Locked ? new Status(StatusCode.FailedPrecondition, $"node {slot.Node} (chassis {slot.Chassis} slot {slot.Slot}) is locked for maintenance")
        : null;

    /// <summary>The group's remote nodes that some listed chassis has, in the group's order.</summary>
    private IEnumerable<RemoteSlot> RemoteSlotsOf(AutoscaledGroup group) =>
        group.RemoteNodes.Select(n => remote.Find(n)).OfType<RemoteSlot>();

    private int Target(PowerEngine engine, AutoscaledGroup group) =>
        engine.States.Count(s => group.Slots.Contains(s.Slot) && IsTargeted(s)) + RemoteSlotsOf(group).Count(s => IsTargeted(s.Phase));

    private static bool IsTargeted(SlotState slot) => IsTargeted(slot.Phase);

    private static bool IsTargeted(SlotPhase phase) => phase is SlotPhase.Queued or SlotPhase.Booting or SlotPhase.On;

    private static SlotCommand On(int slot) => new(slot, SlotAction.On, CommandOrigin.Remote, Source);

    private static SlotCommand Off(int slot) => new(slot, SlotAction.Off, CommandOrigin.Remote, Source);

    private NodeGroup Describe(AutoscaledGroup group) => new()
    {
        Id = group.Name,
        MinSize = group.MinSize,
        MaxSize = group.MaxSize,
        Debug = $"{group.Name}: chassis {chassisId} slots {string.Join(",", group.Slots)}{(group.RemoteNodes.Count > 0 ? $", remote {string.Join(",", group.RemoteNodes)}" : "")} ({group.Options.Nodes}), min {group.MinSize}, max {group.MaxSize}",
    };

    private static string Name(ExternalGrpcNode node) => node.ProviderID is { Length: > 0 } id ? $"{node.Name} ({id})" : $"'{node.Name}'";

    private static GroupOutcome<T> NotFound<T>(string id) => GroupOutcome.Fail<T>(StatusCode.NotFound, $"no node group '{id}'");

    private static Status NotFoundStatus(string id) => new(StatusCode.NotFound, $"no node group '{id}'");

    /// <summary>The autoscaler's instance error classes (cloudprovider.InstanceErrorClass).</summary>
    private static class ErrorClass
    {
        public const int OutOfResources = 1;
        public const int Other = 99;
    }
}
