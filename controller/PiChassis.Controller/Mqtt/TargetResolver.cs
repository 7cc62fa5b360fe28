using PiChassis.Controller.Engine;
using PiChassis.Shared.Hostlists;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Finds the slots a hostlist names, by the node names the slots have now. A slot number outside
/// the chassis is bad input (<c>invalid_request</c>); a node this chassis does not hold is
/// <c>unknown_target</c>. Either refuses the whole request, so nothing is half done.
/// </summary>
public static class TargetResolver
{
    public static IReadOnlyList<SlotState> Resolve(Hostlist targets, IReadOnlyList<SlotState> states, out ErrorPayload? error)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(states);
        error = null;
        if (targets.All)
        {
            return states;
        }

        var outside = targets.Slots.Where(n => states.All(s => s.Slot != n)).ToList();
        if (outside.Count > 0)
        {
            error = new ErrorPayload(ErrorCodes.InvalidRequest,
                $"no slot {string.Join(", ", outside.Take(10))} in this chassis (slots {states[0].Slot}-{states[^1].Slot})");
            return [];
        }

        var unknown = targets.Nodes.Where(n => states.All(s => s.Node != n)).ToList();
        if (unknown.Count > 0)
        {
            error = new ErrorPayload(ErrorCodes.UnknownTarget,
                $"not in this chassis: {string.Join(", ", unknown.Take(10))}{(unknown.Count > 10 ? $" and {unknown.Count - 10} more" : "")}");
            return [];
        }

        return [.. states.Where(s => targets.Slots.Contains(s.Slot) || targets.Nodes.Contains(s.Node))];
    }
}
