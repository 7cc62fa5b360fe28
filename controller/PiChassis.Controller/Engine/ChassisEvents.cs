using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

/// <summary>
/// Numbers each event, hands it to the journal, and tells the listeners: <see cref="Appended"/> at
/// once, on the appending thread (the engine's own bookkeeping), and <see cref="Stored"/> once the
/// journal has it durable (the MQTT publisher), so a published <c>seq</c> is never reused after a
/// crash. Numbering continues from the journal, so <c>seq</c> never repeats across restarts.
/// </summary>
public sealed class ChassisEvents
{
    private readonly Lock _lock = new();
    private readonly IEventJournal _journal;
    private readonly TimeProvider _time;
    private long _lastSeq;

    public ChassisEvents(IEventJournal journal, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _journal = journal;
        _time = time;
        _lastSeq = journal.LastSeq;
    }

    /// <summary>Raised right after the event is handed to the journal; handlers must be quick and not throw.</summary>
    public event EventHandler<ChassisEvent>? Appended;

    /// <summary>Raised once the event is durable; handlers must be quick and not throw.</summary>
    public event EventHandler<ChassisEvent>? Stored
    {
        add => _journal.Stored += value;
        remove => _journal.Stored -= value;
    }

    public IEventJournal Journal => _journal;

    /// <summary>The number of the newest event appended, durable or not yet.</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    public ChassisEvent Append(string type, int? slot, string source, JsonObject? detail = null)
    {
        ChassisEvent appended;
        lock (_lock)
        {
            appended = new ChassisEvent(_lastSeq + 1, _time.GetUtcNow(), type, slot, source, detail);
            Interlocked.Exchange(ref _lastSeq, appended.Seq);
            _journal.Append(appended);
        }

        Appended?.Invoke(this, appended);
        return appended;
    }
}
