namespace PiChassis.Shared.Payloads;

/// <summary>
/// A request on <c>request/&lt;verb&gt;</c>: the common fields and every verb's own (unset ones are
/// left out when written). Unknown fields are ignored when read.
/// </summary>
public sealed record RequestPayload
{
    public string? Id { get; init; }

    /// <summary>A hostlist (<c>node[01-04]</c>), <c>slot:3-5</c>, or <c>all</c>.</summary>
    public string? Targets { get; init; }

    /// <summary>Free text (at most 32 characters) recorded in the event journal.</summary>
    public string? Source { get; init; }

    /// <summary><c>power</c>: <c>on</c> | <c>off</c> | <c>force_off</c>.</summary>
    public string? State { get; init; }

    /// <summary>Switching verbs: <c>none</c> | <c>relay</c> (default) | <c>ready</c>.</summary>
    public string? Wait { get; init; }

    public double? TimeoutS { get; init; }

    /// <summary><c>policy</c>: <c>manual</c> | <c>auto</c> | <c>always_on</c> | <c>always_off</c>.</summary>
    public string? Policy { get; init; }

    /// <summary><c>capacity</c>: running nodes wanted.</summary>
    public int? Nodes { get; init; }

    public int? MinSpare { get; init; }

    /// <summary><c>capacity</c>: the nodes are wanted from this time on (scheduled capacity); now when absent.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary><c>capacity</c> with <see cref="At"/>: until this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary><c>capacity</c> with <see cref="Action"/> <c>cancel</c>: the scheduled entry to cancel.</summary>
    public string? ScheduleId { get; init; }

    /// <summary><c>power</c> on: keep the node on until this time; the energy policy may switch it off after.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary><c>energy</c>: <c>today</c> | <c>yesterday</c> | <c>total</c>.</summary>
    public string? Period { get; init; }

    /// <summary><c>events</c>: events after this sequence number.</summary>
    public long? SinceSeq { get; init; }

    public int? Limit { get; init; }

    /// <summary><c>profile</c>: how many minutes ahead to forecast.</summary>
    public int? Minutes { get; init; }

    /// <summary><c>identity</c>: <c>confirm</c> | <c>reject</c> the learnt name of the target slots; <c>capacity</c>: <c>set</c> (default) | <c>list</c> | <c>cancel</c>.</summary>
    public string? Action { get; init; }
}
