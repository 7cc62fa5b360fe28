using PiChassis.Controller.Engine;
using PiChassis.Shared.Hostlists;

namespace PiChassis.Controller.Mqtt;

/// <summary>A request that passed every check: what to do, to which targets, how long to wait, and who asked.</summary>
public sealed record ParsedRequest(
    string Verb,
    string Id,
    Hostlist Targets,
    string Source,
    SlotAction? Action = null,
    SlotPolicy? Policy = null,
    WaitMode Wait = WaitMode.Relay,
    TimeSpan? Timeout = null,
    string Period = "total",
    long SinceSeq = 0,
    int Limit = RequestParser.DefaultEventLimit,
    int Nodes = 0,
    int? MinSpare = null,
    DateTimeOffset? LeaseUntil = null,
    string? IdentityAction = null,
    int Minutes = RequestParser.DefaultProfileMinutes,
    string CapacityAction = "set",
    DateTimeOffset? At = null,
    DateTimeOffset? Until = null,
    string? ScheduleId = null)
{
    /// <summary>The requester level it came from (see docs/mqtt-api.md, <i>Conventions</i>); "" for the chassis' shared request topic.</summary>
    public string Requester { get; init; } = "";
}
