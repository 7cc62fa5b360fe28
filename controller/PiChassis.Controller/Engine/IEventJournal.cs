namespace PiChassis.Controller.Engine;

/// <summary>Where events are kept. An append may be written behind; <see cref="Stored"/> says when it is durable.</summary>
public interface IEventJournal
{
    /// <summary>Raised once an event is durable, in <c>seq</c> order; handlers must be quick and not throw.</summary>
    event EventHandler<ChassisEvent>? Stored;

    /// <summary>The highest sequence number that is durable (0 when none).</summary>
    long LastSeq { get; }

    void Append(ChassisEvent chassisEvent);

    /// <summary>Events with <c>Seq &gt; sinceSeq</c> that are durable, in order, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<ChassisEvent> Read(long sinceSeq, int limit);

    /// <summary>How many durable events the journal keeps (pruning leaves gaps in <c>seq</c>, so this is no difference of two).</summary>
    int Count();

    /// <summary>The durable events in order, skipping the first <paramref name="skip"/>, at most <paramref name="limit"/>: a page of the journal as it is kept.</summary>
    IReadOnlyList<ChassisEvent> ReadPage(int skip, int limit);

    /// <summary>Completes when every event appended before the call is durable (or its write was given up).</summary>
    Task WhenStoredAsync();
}
