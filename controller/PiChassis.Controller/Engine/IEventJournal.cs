namespace PiChassis.Controller.Engine;

/// <summary>Where events are kept. Appends are durable before they return.</summary>
public interface IEventJournal
{
    /// <summary>The highest sequence number ever appended (0 when none).</summary>
    long LastSeq { get; }

    void Append(ChassisEvent chassisEvent);

    /// <summary>Events with <c>Seq &gt; sinceSeq</c>, in order, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<ChassisEvent> Read(long sinceSeq, int limit);
}
