using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>
/// The event journal in the store. Each append is written behind (with the engine step's other
/// records) and also drops what is beyond the bounds (older than the maximum age, or more than the
/// maximum count), but never the newest event, so <see cref="LastSeq"/> survives a restart. The count
/// drops only the kinds a client can multiply (<see cref="Routine"/>): the audit trail (switching,
/// faults, sheds, watchdog actions, identity, starts) outlives a flood of them, up to
/// <see cref="AuditFactor"/> times the count and the maximum age. Reads see
/// only what is committed, in <c>seq</c> order, whatever the events' wall-clock times say.
/// </summary>
public sealed class SqliteEventJournal : IEventJournal
{
    /// <summary>Meta key: the last event number of a store that had to be set aside.</summary>
    internal const string SeqFloorKey = "seq_floor";

    /// <summary>The audit trail is kept up to this many times the journal's count bound.</summary>
    public const int AuditFactor = 4;

    /// <summary>Kinds of event a client's requests or a busy chassis multiply; the count bound drops these first.</summary>
    public static readonly IReadOnlyList<string> Routine =
        [EventTypes.CommandRejected, EventTypes.PhaseChanged, EventTypes.CapacityChanged, EventTypes.CapacityScheduled, EventTypes.ButtonPress];

    private static readonly string RoutineList = string.Join(", ", Routine.Select(t => $"'{t}'"));

    private readonly StoreDatabase _database;
    private readonly TimeSpan _maxAge;
    private readonly int _maxEvents;
    private long _lastSeq;

    // Routine events at or below this seq are gone; owned by the store's writer, which runs every write.
    private long _routinePrunedTo;

    public SqliteEventJournal(StoreDatabase database, TimeSpan maxAge, int maxEvents)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        _database = database;
        _maxAge = maxAge;
        _maxEvents = maxEvents;
        _lastSeq = database.Read("reading the last event number", connection =>
        {
            using var max = connection.Command("SELECT MAX(seq) FROM events");
            var floor = long.TryParse(connection.Meta(SeqFloorKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 0;
            return Math.Max(max.ExecuteScalar() is long seq ? seq : 0, floor);
        }, 0L);
    }

    public event EventHandler<ChassisEvent>? Stored;

    /// <summary>The newest event that is committed.</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    /// <summary>Hands the event to the store's writer; <see cref="Stored"/> is raised once it is committed.</summary>
    public void Append(ChassisEvent chassisEvent)
    {
        ArgumentNullException.ThrowIfNull(chassisEvent);
        _database.Write($"event {chassisEvent.Seq}", transaction =>
        {
            using (var insert = transaction.Command("INSERT INTO events(seq, at, type, slot, source, detail) VALUES($seq, $at, $type, $slot, $source, $detail)")
                .With("$seq", chassisEvent.Seq)
                .With("$at", chassisEvent.At.UtcTicks)
                .With("$type", chassisEvent.Type)
                .With("$slot", chassisEvent.Slot)
                .With("$source", chassisEvent.Source)
                .With("$detail", chassisEvent.Detail?.ToJsonString()))
            {
                insert.ExecuteNonQuery();
            }

            // Deletes each on an index (seq, at): one with an OR scans every event below seq, which
            // at the 200 000 events the journal may keep costs ~13 ms per event on a PC.
            // Only the seqs that crossed the bound since the last append: the audit rows kept below it are not scanned again.
            var routineBound = chassisEvent.Seq - _maxEvents;
            using (var routineBeyondCount = transaction.Command($"DELETE FROM events WHERE seq > $from AND seq <= $to AND type IN ({RoutineList})")
                .With("$from", Math.Min(_routinePrunedTo, routineBound))
                .With("$to", routineBound))
            {
                routineBeyondCount.ExecuteNonQuery();
            }

            _routinePrunedTo = Math.Max(_routinePrunedTo, routineBound);

            using (var beyondAudit = transaction.Command("DELETE FROM events WHERE seq <= $seq - $max")
                .With("$seq", chassisEvent.Seq)
                .With("$max", (long)_maxEvents * AuditFactor))
            {
                beyondAudit.ExecuteNonQuery();
            }

            using var tooOld = transaction.Command("DELETE FROM events WHERE at < $cutoff AND seq < $seq")
                .With("$seq", chassisEvent.Seq)
                .With("$cutoff", (chassisEvent.At - _maxAge).UtcTicks);
            tooOld.ExecuteNonQuery();
        }, committed: () =>
        {
            Interlocked.Exchange(ref _lastSeq, Math.Max(LastSeq, chassisEvent.Seq));
            Stored?.Invoke(this, chassisEvent);
        });
    }

    public Task WhenStoredAsync() => _database.FlushAsync();

    public IReadOnlyList<ChassisEvent> Read(long sinceSeq, int limit) => _database.Read("reading events", connection =>
    {
        using var select = connection.Command("SELECT seq, at, type, slot, source, detail FROM events WHERE seq > $since ORDER BY seq LIMIT $limit")
            .With("$since", sinceSeq)
            .With("$limit", Math.Max(0, limit));
        return (IReadOnlyList<ChassisEvent>)Events(select);
    }, []);

    public int Count() => _database.Read("counting events", connection =>
    {
        using var count = connection.Command("SELECT COUNT(*) FROM events");
        return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }, 0);

    public IReadOnlyList<ChassisEvent> ReadPage(int skip, int limit) => _database.Read("reading events", connection =>
    {
        using var select = connection.Command("SELECT seq, at, type, slot, source, detail FROM events ORDER BY seq LIMIT $limit OFFSET $skip")
            .With("$skip", Math.Max(0, skip))
            .With("$limit", Math.Max(0, limit));
        return (IReadOnlyList<ChassisEvent>)Events(select);
    }, []);

    private static List<ChassisEvent> Events(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var events = new List<ChassisEvent>();
        while (reader.Read())
        {
            events.Add(new ChassisEvent(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5)) as JsonObject));
        }

        return events;
    }
}
