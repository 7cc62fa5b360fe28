using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Json;

namespace PiChassis.Controller.Policy;

/// <summary>
/// Scheduled capacity: targets a scheduler sets ahead of time. The effective target at any time is
/// the most of the live target and every entry acting then (per field, so overlapping entries ask
/// for no more than the largest of them); an entry acts from <see cref="Configuration.PolicyOptions.PrewarmLead"/>
/// before its start, so its nodes have booted by then, until its end.
/// </summary>
public sealed partial class CapacityPolicy
{
    /// <summary>Entries a chassis keeps at most: the list is bounded whoever fills it.</summary>
    public const int MaxSchedules = 64;

    /// <summary>Entries one requester keeps at most, so one client (or one that went astray) cannot take the whole list from the others.</summary>
    public const int MaxSchedulesPerRequester = 16;

    /// <summary>How far ahead an entry may start and end.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(35);

    /// <summary>How long an entry without an end lasts.</summary>
    public static readonly TimeSpan DefaultScheduleSpan = TimeSpan.FromHours(1);

    public const string ScheduleAdded = "added";
    public const string ScheduleStarted = "started";
    public const string ScheduleEnded = "ended";
    public const string ScheduleCancelled = "cancelled";

    private readonly List<ScheduledCapacity> _schedules = [];
    private readonly HashSet<string> _acting = [];
    private readonly IScheduledCapacityStore? _scheduleStore;

    // Once an entry has acted, the end of the last one leaves a target of 0 nodes rather than none,
    // so what it switched on goes off again even when no live target was ever set.
    private bool _scheduleActed;

    /// <summary>The scheduled entries, by start time.</summary>
    public IReadOnlyList<ScheduledCapacity> Schedules => _schedules;

    /// <summary>
    /// Schedules <paramref name="nodes"/> from <paramref name="at"/> until <paramref name="until"/>
    /// (<see cref="DefaultScheduleSpan"/> after <paramref name="at"/> when null). Refused as a whole,
    /// changing nothing, when a time is past, out of order or too far ahead, the list or the
    /// requester's share of it is full, or the
    /// entry asks for more than the chassis can run (<c>budget_exceeded</c>, saying how far it could go).
    /// </summary>
    public CapacityResult Schedule(int nodes, int? minSpare, DateTimeOffset at, DateTimeOffset? until, string requester, string source)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(source);
        var now = _time.GetUtcNow();
        var spare = minSpare ?? _options.DefaultMinSpare;
        var end = until ?? at + DefaultScheduleSpan;
        var latest = now + MaxScheduleAhead;
        var problem =
            nodes < 0 || spare < 0 ? $"nodes {nodes} and min_spare {spare} must not be negative"
            : at <= now ? $"\"at\" {Text(at)} is not in the future (now {Text(now)})"
            : end <= at ? $"\"until\" {Text(end)} must be after \"at\" {Text(at)}"
            : end > latest ? (until is null
                ? $"\"at\" {Text(at)} with the default span of {DefaultScheduleSpan.TotalHours:0} h ends {Text(end)}, more than {MaxScheduleAhead.TotalDays:0} days ahead (at most {Text(latest)})"
                : $"\"until\" {Text(end)} is more than {MaxScheduleAhead.TotalDays:0} days ahead (at most {Text(latest)})")
            : _schedules.Count(s => s.Requester == requester) >= MaxSchedulesPerRequester
                ? $"{MaxSchedulesPerRequester} entries of requester '{requester}' are scheduled already, the most one requester keeps: cancel one first"
            : _schedules.Count >= MaxSchedules ? $"{MaxSchedules} entries are scheduled already, the most a chassis keeps: cancel one first"
            : null;
        if (problem is not null)
        {
            return ScheduleStatus() with { Ok = false, ErrorCode = ErrorCodes.InvalidRequest, Message = problem };
        }

        var achievable = Achievable(_engine.States);
        var asked = Math.Max(nodes, spare);
        if (asked > achievable)
        {
            return ScheduleStatus() with
            {
                Ok = false,
                ErrorCode = ErrorCodes.BudgetExceeded,
                Message = $"{asked} nodes scheduled, {achievable} can run: {asked - achievable} short; nothing was scheduled",
            };
        }

        var entry = new ScheduledCapacity(Guid.NewGuid().ToString("N")[..12], requester, source, nodes, spare, at, end);
        _schedules.Insert(_schedules.FindLastIndex(s => s.At <= at) + 1, entry);
        _scheduleStore?.Add(entry);
        ScheduleChanged(entry, ScheduleAdded, source);
        Act();
        return ScheduleStatus() with { ScheduleId = entry.Id };
    }

    /// <summary>Cancels entry <paramref name="id"/>; only its own requester may.</summary>
    public CapacityResult CancelSchedule(string id, string requester, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_schedules.Find(s => s.Id == id) is not { } entry)
        {
            return ScheduleStatus() with { Ok = false, ErrorCode = ErrorCodes.InvalidRequest, Message = $"no scheduled capacity '{id}'" };
        }

        if (entry.Requester != requester)
        {
            return ScheduleStatus() with
            {
                Ok = false,
                ErrorCode = ErrorCodes.InvalidRequest,
                Message = $"scheduled capacity '{id}' belongs to requester '{entry.Requester}': only it can cancel it",
            };
        }

        _schedules.Remove(entry);
        _acting.Remove(entry.Id);
        _scheduleStore?.Remove(entry.Id);
        ScheduleChanged(entry, ScheduleCancelled, source);
        Act();
        return ScheduleStatus() with { ScheduleId = entry.Id };
    }

    /// <summary>The status with every scheduled entry.</summary>
    public CapacityResult ScheduleStatus() => Status() with { Schedules = [.. _schedules.Select(s => (s, _acting.Contains(s.Id)))] };

    /// <summary>Ends the entries that are over and starts the ones whose time (less the boot lead) has come, each with its event.</summary>
    private void UpdateSchedules(DateTimeOffset utcNow)
    {
        foreach (var entry in _schedules.ToList())
        {
            if (utcNow >= entry.Until)
            {
                _schedules.Remove(entry);
                _acting.Remove(entry.Id);
                _scheduleStore?.Remove(entry.Id);
                _scheduleActed = true;
                ScheduleChanged(entry, ScheduleEnded, Source);
            }
            else if (entry.ActsAt(utcNow, _options.PrewarmLead) && _acting.Add(entry.Id))
            {
                _scheduleActed = true;
                ScheduleChanged(entry, ScheduleStarted, Source);
            }
        }
    }

    /// <summary>The live target raised by every acting entry; none while there is neither and no entry has acted.</summary>
    private CapacityTarget? Effective()
    {
        var target = Target;
        foreach (var entry in _schedules.Where(s => _acting.Contains(s.Id)))
        {
            target = target is null
                ? new CapacityTarget(entry.Nodes, entry.MinSpare, entry.Source, entry.At)
                : target with { Nodes = Math.Max(target.Nodes, entry.Nodes), MinSpare = Math.Max(target.MinSpare, entry.MinSpare) };
        }

        return target ?? (_scheduleActed ? new CapacityTarget(0, _options.DefaultMinSpare, Source, _time.GetUtcNow()) : null);
    }

    private void ScheduleChanged(ScheduledCapacity entry, string change, string source)
    {
        _events.Append(EventTypes.CapacityScheduled, null, source, new JsonObject
        {
            ["schedule_id"] = entry.Id,
            ["change"] = change,
            ["nodes"] = entry.Nodes,
            ["min_spare"] = entry.MinSpare,
            ["at"] = Text(entry.At),
            ["until"] = Text(entry.Until),
            ["requester"] = entry.Requester,
        });
        LogScheduleChanged(entry.Id, change, entry.Nodes, entry.MinSpare, entry.At, entry.Until, entry.Requester);
    }

    private static string Text(DateTimeOffset at) => UtcMillisecondsConverter.ToText(at);
}
