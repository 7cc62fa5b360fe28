using PiChassis.Controller.Engine;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>The checks of each verb's own fields (values are taken in any case).</summary>
internal static class RequestFields
{
    public static RequestRejection? Check(string verb, RequestPayload payload, ParsedRequest common, out ParsedRequest? request)
    {
        request = null;
        var id = common.Id;
        switch (verb)
        {
            case RequestVerbs.Power:
                if (!OneOf(payload.State, WireValues.PowerStates, out var state))
                {
                    return Bad(id, "state", payload.State, WireValues.PowerStates);
                }

                if (payload.LeaseUntil is not null && state != "on")
                {
                    return new RequestRejection(id, "\"lease_until\" goes with state \"on\" only");
                }

                return Switching(payload, common with
                {
                    Action = state switch { "on" => SlotAction.On, "off" => SlotAction.Off, _ => SlotAction.ForceOff },
                    LeaseUntil = payload.LeaseUntil,
                }, out request);
            case RequestVerbs.Cycle:
                return Switching(payload, common with { Action = SlotAction.Cycle }, out request);
            case RequestVerbs.Restart:
                return Switching(payload, common with { Action = SlotAction.Restart }, out request);
            case RequestVerbs.ClearFault or RequestVerbs.Identify or RequestVerbs.Lock or RequestVerbs.Unlock:
                request = common with { Action = SimpleAction(verb), Wait = WaitMode.None };
                return null;
            case RequestVerbs.Policy:
                if (!OneOf(payload.Policy, WireValues.Policies, out var policy))
                {
                    return Bad(id, "policy", payload.Policy, WireValues.Policies);
                }

                request = common with { Action = SlotAction.SetPolicy, Policy = ParsePolicy(policy), Wait = WaitMode.None };
                return null;
            case RequestVerbs.Capacity:
                return Capacity(payload, common, out request);
            case RequestVerbs.Energy:
                var period = payload.Period ?? "total";
                if (!OneOf(period, WireValues.EnergyPeriods, out period))
                {
                    return Bad(id, "period", payload.Period, WireValues.EnergyPeriods);
                }

                request = common with { Period = period };
                return null;
            case RequestVerbs.Identity:
                if (!OneOf(payload.Action, WireValues.IdentityActions, out var action))
                {
                    return Bad(id, "action", payload.Action, WireValues.IdentityActions);
                }

                request = common with { IdentityAction = action, Wait = WaitMode.None };
                return null;
            case RequestVerbs.Events:
                if (payload.SinceSeq is < 0)
                {
                    return new RequestRejection(id, "\"since_seq\" must not be negative");
                }

                if (payload.Limit is < 1 or > RequestParser.MaxEventLimit)
                {
                    return new RequestRejection(id, $"\"limit\" must be 1 to {RequestParser.MaxEventLimit}");
                }

                request = common with { SinceSeq = payload.SinceSeq ?? 0, Limit = payload.Limit ?? RequestParser.DefaultEventLimit };
                return null;
            case RequestVerbs.Profile:
                if (payload.Minutes is < 1 or > RequestParser.MaxProfileMinutes)
                {
                    return new RequestRejection(id, $"\"minutes\" must be 1 to {RequestParser.MaxProfileMinutes}");
                }

                request = common with { Minutes = payload.Minutes ?? RequestParser.DefaultProfileMinutes };
                return null;
        }

        request = common;
        return null;
    }

    /// <summary><c>set</c> (now, or from <c>at</c>), <c>list</c> or <c>cancel</c>; the times are checked against the clock by the policy.</summary>
    private static RequestRejection? Capacity(RequestPayload payload, ParsedRequest common, out ParsedRequest? request)
    {
        request = null;
        var id = common.Id;
        if (!OneOf(payload.Action ?? "set", WireValues.CapacityActions, out var action))
        {
            return Bad(id, "action", payload.Action, WireValues.CapacityActions);
        }

        switch (action)
        {
            case "list":
                request = common with { CapacityAction = action };
                return null;
            case "cancel":
                if (payload.ScheduleId is not { Length: > 0 and <= RequestParser.MaxIdLength } scheduleId)
                {
                    return new RequestRejection(id, $"\"schedule_id\" must be 1 to {RequestParser.MaxIdLength} characters to cancel");
                }

                request = common with { CapacityAction = action, ScheduleId = scheduleId };
                return null;
        }

        if (payload.Nodes is not >= 0)
        {
            return new RequestRejection(id, "\"nodes\" must be a whole number, 0 or more");
        }

        if (payload.MinSpare is < 0)
        {
            return new RequestRejection(id, "\"min_spare\" must not be negative");
        }

        if (payload.Until is not null && payload.At is null)
        {
            return new RequestRejection(id, "\"until\" goes with \"at\" only");
        }

        request = common with { CapacityAction = action, Nodes = payload.Nodes.Value, MinSpare = payload.MinSpare, At = payload.At, Until = payload.Until };
        return null;
    }

    private static RequestRejection? Switching(RequestPayload payload, ParsedRequest request, out ParsedRequest? checkedRequest)
    {
        checkedRequest = null;
        var wait = payload.Wait ?? "relay";
        if (!OneOf(wait, WireValues.WaitModes, out wait))
        {
            return Bad(request.Id, "wait", payload.Wait, WireValues.WaitModes);
        }

        var timeout = RequestParser.DefaultTimeout;
        if (payload.TimeoutS is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > RequestParser.MaxTimeout.TotalSeconds)
            {
                return new RequestRejection(request.Id, $"\"timeout_s\" must be above 0 and at most {RequestParser.MaxTimeout.TotalSeconds:F0}");
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }

        checkedRequest = request with { Wait = Enum.Parse<WaitMode>(wait, ignoreCase: true), Timeout = timeout };
        return null;
    }

    private static SlotAction SimpleAction(string verb) => verb switch
    {
        RequestVerbs.ClearFault => SlotAction.ClearFault,
        RequestVerbs.Identify => SlotAction.Identify,
        RequestVerbs.Lock => SlotAction.Lock,
        _ => SlotAction.Unlock,
    };

    public static SlotPolicy ParsePolicy(string policy) => policy switch
    {
        "always_on" => SlotPolicy.AlwaysOn,
        "always_off" => SlotPolicy.AlwaysOff,
        "auto" => SlotPolicy.Auto,
        _ => SlotPolicy.Manual,
    };

    /// <summary>The allowed value <paramref name="value"/> stands for, in its wire spelling.</summary>
    public static bool OneOf(string? value, IReadOnlyList<string> allowed, out string match)
    {
        match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase)) ?? "";
        return match.Length > 0;
    }

    private static RequestRejection Bad(string id, string field, string? value, IReadOnlyList<string> allowed) =>
        new(id, value is null
            ? $"\"{field}\" is missing; it is one of {string.Join(", ", allowed)}"
            : $"\"{field}\" '{value}' is not one of {string.Join(", ", allowed)}");
}
