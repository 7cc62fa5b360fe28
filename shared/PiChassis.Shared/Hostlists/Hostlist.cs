using System.Diagnostics.CodeAnalysis;

namespace PiChassis.Shared.Hostlists;

/// <summary>
/// The targets of a request, in Slurm's hostlist notation: node names with numeric ranges in
/// brackets (<c>node[01-04,07]</c>, several brackets multiply: <c>r[1-2]n[01-02]</c>; a range is
/// zero-padded to the width of its lower bound), slot numbers (<c>slot:3-5</c>, <c>slot:[1,3]</c>,
/// and bare numbers after a slot term: <c>slot:3-5,7</c>), or <c>all</c>; terms separated by commas.
/// Names and slots keep their first order and appear once.
/// </summary>
public sealed class Hostlist
{
    /// <summary>At most this many names or slots, so a typo like <c>n[0-99999999]</c> is refused, not expanded.</summary>
    public const int MaxTargets = 4096;

    public const string AllKeyword = "all";

    public const string SlotPrefix = "slot:";

    private Hostlist(bool all, IReadOnlyList<string> nodes, IReadOnlyList<int> slots)
    {
        All = all;
        Nodes = nodes;
        Slots = slots;
    }

    /// <summary>Every slot of the chassis.</summary>
    public bool All { get; }

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<int> Slots { get; }

    public static Hostlist Parse(string text) =>
        TryParse(text, out var hostlist, out var error) ? hostlist : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Hostlist? hostlist, [NotNullWhen(false)] out string? error)
    {
        hostlist = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the target list is empty";
            return false;
        }

        var all = false;
        var nodes = new List<string>();
        var slots = new List<int>();
        var inSlots = false;
        foreach (var rawTerm in HostlistSyntax.SplitTerms(text, out error) ?? [])
        {
            var term = rawTerm.Trim();
            List<string>? expanded;
            if (term.Length == 0)
            {
                error = $"'{text}' has an empty term";
            }
            else if (term.Equals(AllKeyword, StringComparison.OrdinalIgnoreCase))
            {
                all = true;
                inSlots = false;
            }
            else if (term.StartsWith(SlotPrefix, StringComparison.OrdinalIgnoreCase))
            {
                inSlots = AddSlots(term[SlotPrefix.Length..], slots, ref error);
            }
            else if (inSlots && HostlistSyntax.IsNumericRange(term))
            {
                AddSlots(term, slots, ref error);
            }
            else if ((expanded = HostlistSyntax.ExpandName(term, MaxTargets - nodes.Count, out error)) is not null)
            {
                inSlots = false;
                nodes.AddRange(expanded);
            }

            if (error is not null)
            {
                return false;
            }
        }

        if (error is not null)
        {
            return false;
        }

        hostlist = new Hostlist(all, [.. nodes.Distinct(StringComparer.Ordinal)], [.. slots.Distinct()]);
        return true;
    }

    private static bool AddSlots(string list, List<int> slots, ref string? error)
    {
        var inner = list.Length > 1 && list[0] == '[' && list[^1] == ']' ? list[1..^1] : list;
        var numbers = HostlistSyntax.ExpandRanges(inner, MaxTargets - slots.Count, out error);
        if (numbers is null)
        {
            error = $"slot list '{list}': {error}";
            return false;
        }

        foreach (var (value, _) in numbers)
        {
            if (value < 1)
            {
                error = $"slot list '{list}': slots are numbered from 1";
                return false;
            }

            slots.Add((int)value);
        }

        return true;
    }
}
