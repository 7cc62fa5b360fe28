using PiChassis.Cli.Mqtt;
using PiChassis.Shared.Hostlists;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Cli.Targets;

/// <summary>
/// Splits the user's targets over the chassis: node names go to the chassis whose <c>info</c> lists
/// them, <c>all</c> to every chassis, slot numbers to the one chassis in scope.
/// </summary>
public static class TargetPlanner
{
    public static IReadOnlyList<ChassisTargets> Plan(string targets, IReadOnlyList<KnownChassis> known, string? chassisId)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (!Hostlist.TryParse(targets, out var hostlist, out var error))
        {
            throw new CliException(ExitCodes.Usage, $"bad targets: {error}");
        }

        var scope = InScope(known, chassisId);
        var plan = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(KnownChassis chassis, string term)
        {
            if (!plan.TryGetValue(chassis.Id, out var terms))
            {
                plan[chassis.Id] = terms = [];
            }

            terms.Add(term);
        }

        foreach (var chassis in hostlist.All ? scope : [])
        {
            Add(chassis, Hostlist.AllKeyword);
        }

        if (hostlist.Slots.Count > 0)
        {
            if (scope.Count > 1)
            {
                throw new CliException(ExitCodes.Usage, $"slot numbers are ambiguous with {scope.Count} chassis ({string.Join(", ", scope.Select(c => c.Id))}); name one with --chassis");
            }

            Add(scope[0], Hostlist.SlotPrefix + string.Join(',', hostlist.Slots));
        }

        foreach (var node in hostlist.Nodes)
        {
            if (!NodeNames.IsValid(node))
            {
                throw new CliException(ExitCodes.Usage, $"bad node name '{node}': a node name is {NodeNames.Rule}");
            }

            var owner = scope.FirstOrDefault(c => c.FindNode(node) is not null)
                ?? throw new CliException(ExitCodes.Usage, $"unknown node '{node}': no chassis{(chassisId is null ? "" : $" '{chassisId}'")} lists it in its info");
            Add(owner, node);
        }

        return [.. scope.Where(c => plan.ContainsKey(c.Id)).Select(c => new ChassisTargets(c, string.Join(',', plan[c.Id])))];
    }

    /// <summary>The chassis a command may touch: the one named, or every one on the broker.</summary>
    public static IReadOnlyList<KnownChassis> InScope(IReadOnlyList<KnownChassis> known, string? chassisId)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (known.Count == 0)
        {
            throw new CliException(ExitCodes.ControllerOffline, "no PiChassis controller has published its info on this broker");
        }

        if (chassisId is null)
        {
            return known;
        }

        var named = known.FirstOrDefault(c => c.Id == chassisId)
            ?? throw new CliException(ExitCodes.ControllerOffline, $"no chassis '{chassisId}' on this broker (known: {string.Join(", ", known.Select(c => c.Id))})");
        return [named];
    }
}
