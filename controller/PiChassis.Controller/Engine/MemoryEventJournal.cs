namespace PiChassis.Controller.Engine;

/// <summary>A journal in memory, bounded to the newest events, for tests and benchmarks that keep no store.</summary>
public sealed class MemoryEventJournal(int capacity = 10_000) : IEventJournal
{
    private readonly Lock _lock = new();
    private readonly LinkedList<ChassisEvent> _events = new();

    public event EventHandler<ChassisEvent>? Stored;

    public long LastSeq { get; private set; }

    public void Append(ChassisEvent chassisEvent)
    {
        ArgumentNullException.ThrowIfNull(chassisEvent);
        lock (_lock)
        {
            _events.AddLast(chassisEvent);
            LastSeq = chassisEvent.Seq;
            if (_events.Count > capacity)
            {
                _events.RemoveFirst();
            }
        }

        Stored?.Invoke(this, chassisEvent);
    }

    public IReadOnlyList<ChassisEvent> Read(long sinceSeq, int limit)
    {
        lock (_lock)
        {
            return _events.Where(e => e.Seq > sinceSeq).Take(limit).ToList();
        }
    }

    public int Count()
    {
        lock (_lock)
        {
            return _events.Count;
        }
    }

    public IReadOnlyList<ChassisEvent> ReadPage(int skip, int limit)
    {
        lock (_lock)
        {
            return _events.Skip(skip).Take(limit).ToList();
        }
    }

    public Task WhenStoredAsync() => Task.CompletedTask;
}
