using PiChassis.Controller.Engine;
using PiChassis.Shared.Hostlists;

namespace PiChassis.Controller.Mqtt;

/// <summary>A request that passed every check: what to do, to which targets, and how long to wait.</summary>
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
    int Minutes = RequestParser.DefaultProfileMinutes);
