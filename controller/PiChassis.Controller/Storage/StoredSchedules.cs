using PiChassis.Controller.Policy;

namespace PiChassis.Controller.Storage;

/// <summary>
/// Scheduled capacity in the store's <c>schedules</c> table, times as UTC ticks. Adds and removals
/// are written behind with the engine step's other records.
/// </summary>
internal sealed class StoredSchedules(StoreDatabase database) : IScheduledCapacityStore
{
    public IReadOnlyList<ScheduledCapacity> Load() => database.Read("reading scheduled capacity", connection =>
    {
        using var select = connection.Command("SELECT id, requester, source, nodes, min_spare, at, until FROM schedules ORDER BY at");
        using var reader = select.ExecuteReader();
        List<ScheduledCapacity> entries = [];
        while (reader.Read())
        {
            entries.Add(new ScheduledCapacity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero)));
        }

        return entries;
    }, []);

    public void Add(ScheduledCapacity entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        database.Write($"scheduled capacity {entry.Id}", transaction =>
        {
            using var insert = transaction.Command(
                "INSERT OR REPLACE INTO schedules(id, requester, source, nodes, min_spare, at, until) VALUES($id, $requester, $source, $nodes, $spare, $at, $until)")
                .With("$id", entry.Id).With("$requester", entry.Requester).With("$source", entry.Source).With("$nodes", entry.Nodes)
                .With("$spare", entry.MinSpare).With("$at", entry.At.UtcTicks).With("$until", entry.Until.UtcTicks);
            insert.ExecuteNonQuery();
        });
    }

    public void Remove(string id) => database.Write($"scheduled capacity {id} removed", transaction =>
    {
        using var delete = transaction.Command("DELETE FROM schedules WHERE id = $id").With("$id", id);
        delete.ExecuteNonQuery();
    });
}
