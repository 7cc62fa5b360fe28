using System.Text.RegularExpressions;
using PiChassis.Controller.Configuration;
using PiChassis.Shared.Hostlists;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// The configured node groups, resolved to slots of this chassis once at start: a slot keeps its group
/// when plug &amp; play learns another name for it. Built by the configuration check too, so every
/// error (bad name, unknown node, a slot in two groups, sizes out of range) is reported at start.
/// </summary>
/// <remarks>
/// A name that is no slot here is an error unless <c>Autoscaler:RemoteChassis</c> lists other chassis:
/// then it is kept as a remote node, resolved at run time from those chassis' retained slot states.
/// </remarks>
public sealed partial class NodeGroupSet
{
    /// <summary>Groups at most, and labels per group at most: more than a chassis (16 slots) can use.</summary>
    public const int MaxGroups = DefaultWiring.MaxSlots;

    public const int MaxLabels = 64;

    private readonly Dictionary<int, AutoscaledGroup> _bySlot = [];
    private readonly Dictionary<string, AutoscaledGroup> _byRemoteNode = new(StringComparer.Ordinal);

    private NodeGroupSet(IReadOnlyList<AutoscaledGroup> groups)
    {
        Groups = groups;
        foreach (var group in groups)
        {
            foreach (var slot in group.Slots)
            {
                _bySlot[slot] = group;
            }

            foreach (var node in group.RemoteNodes)
            {
                _byRemoteNode[node] = group;
            }
        }
    }

    public IReadOnlyList<AutoscaledGroup> Groups { get; }

    /// <summary>Every slot in a group: driven by the autoscaler only.</summary>
    public IReadOnlyCollection<int> Slots => _bySlot.Keys;

    public AutoscaledGroup? Find(string id) => Groups.FirstOrDefault(g => string.Equals(g.Name, id, StringComparison.Ordinal));

    public AutoscaledGroup? GroupOf(int slot) => _bySlot.GetValueOrDefault(slot);

    /// <summary>The group of a node of another chassis, by its configured name.</summary>
    public AutoscaledGroup? GroupOf(string remoteNode) => _byRemoteNode.GetValueOrDefault(remoteNode);

    /// <summary>Resolves the groups against the chassis; what is wrong goes to <paramref name="errors"/> and that group is left out.</summary>
    public static NodeGroupSet Build(AutoscalerOptions options, ChassisOptions chassis, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chassis);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.NodeGroups.Count > MaxGroups)
        {
            errors.Add($"Autoscaler:NodeGroups lists {options.NodeGroups.Count} groups; at most {MaxGroups}.");
            return new NodeGroupSet([]);
        }

        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new List<AutoscaledGroup>();
        for (var i = 0; i < options.NodeGroups.Count; i++)
        {
            var before = errors.Count;
            var group = Resolve(options.NodeGroups, i, chassis, options.RemoteChassis.Count > 0, owner, errors);
            if (group is not null && errors.Count == before)
            {
                groups.Add(group);
            }
        }

        return new NodeGroupSet(groups);
    }

    private static AutoscaledGroup? Resolve(
        List<NodeGroupOptions> all, int i, ChassisOptions chassis, bool remote, Dictionary<string, string> owner, List<string> errors)
    {
        var group = all[i];
        var where = $"Autoscaler:NodeGroups:{i}";
        if (!LabelValue().IsMatch(group.Name) || group.Name.Length == 0)
        {
            errors.Add($"{where}: Name '{OptionChecks.Shorten(group.Name)}' must be 1 to 63 of a-z, 0-9 and '-', starting and ending with a letter or digit (a Kubernetes label value).");
        }
        else if (all.FindIndex(g => g.Name == group.Name) != i)
        {
            errors.Add($"{where}: Name '{group.Name}' is used by another group.");
        }

        CheckTemplate(group, where, errors);
        if (!Hostlist.TryParse(group.Nodes, out var hostlist, out var why) || hostlist.All || hostlist.Slots.Count > 0)
        {
            errors.Add($"{where}: Nodes '{OptionChecks.Shorten(group.Nodes)}' must be a hostlist of node names, e.g. node[01-04]: {why ?? "'all' and slot: terms are not node names"}.");
            return null;
        }

        var slots = new List<int>();
        var remoteNodes = new List<string>();
        foreach (var node in hostlist.Nodes)
        {
            var slot = chassis.Slots.FirstOrDefault(s => string.Equals(s.Node, node, StringComparison.Ordinal));
            if (slot is null && !remote)
            {
                errors.Add($"{where}: Nodes: '{OptionChecks.Shorten(node)}' is no slot of chassis '{chassis.Id}' (without Autoscaler:RemoteChassis a group holds this chassis' slots only).");
                continue;
            }

            if (owner.TryGetValue(node, out var other))
            {
                errors.Add($"{where}: Nodes: {(slot is null ? node : $"slot {slot.Slot} ({node})")} is in group '{other}' already; a slot belongs to one group at most.");
                continue;
            }

            owner[node] = group.Name;
            if (slot is null)
            {
                remoteNodes.Add(node);
            }
            else
            {
                slots.Add(slot.Slot);
            }
        }

        var count = slots.Count + remoteNodes.Count;
        var max = group.MaxSize == -1 ? count : group.MaxSize;
        if (group.MinSize < 0 || group.MinSize > max)
        {
            errors.Add($"{where}: MinSize {group.MinSize} must be 0 to MaxSize ({max}).");
        }

        if (max < 0 || max > count)
        {
            errors.Add($"{where}: MaxSize {group.MaxSize} must be -1 (every node) or 0 to the group's {count} nodes.");
        }

        return new AutoscaledGroup(group, slots, group.MinSize, max, remoteNodes);
    }

    /// <summary>What an empty node offers: each within what a board can have, reservations below capacity.</summary>
    private static void CheckTemplate(NodeGroupOptions group, string where, List<string> errors)
    {
        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add($"{where}: {error}");
            }
        }

        Check(group.CpuCores is >= 1 and <= 256, $"CpuCores {group.CpuCores} must be 1 to 256.");
        Check(group.MemoryMiB is >= 64 and <= 1024 * 1024, $"MemoryMiB {group.MemoryMiB} must be 64 to 1048576 (1 TiB).");
        Check(group.MaxPods is >= 1 and <= 1000, $"MaxPods {group.MaxPods} must be 1 to 1000.");
        Check(group.ReservedCpuMilli >= 0 && group.ReservedCpuMilli < Math.Clamp(group.CpuCores, 1, 256) * 1000,
            $"ReservedCpuMilli {group.ReservedCpuMilli} must be 0 to below CpuCores x 1000.");
        Check(group.ReservedMemoryMiB >= 0 && group.ReservedMemoryMiB < Math.Max(group.MemoryMiB, 1),
            $"ReservedMemoryMiB {group.ReservedMemoryMiB} must be 0 to below MemoryMiB.");
        Check(group.Labels.Count <= MaxLabels, $"Labels: {group.Labels.Count} labels; at most {MaxLabels}.");
        foreach (var (key, value) in group.Labels.Take(MaxLabels))
        {
            Check(LabelKey().IsMatch(key) && key.Length <= 316, $"Labels: key '{OptionChecks.Shorten(key)}' is not a Kubernetes label key ([prefix/]name, name 1 to 63 characters).");
            Check(LabelText().IsMatch(value), $"Labels: value '{OptionChecks.Shorten(value)}' of '{OptionChecks.Shorten(key)}' is not a Kubernetes label value (at most 63 of A-Z, a-z, 0-9, '-', '_', '.').");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$")]
    private static partial Regex LabelText();
}
