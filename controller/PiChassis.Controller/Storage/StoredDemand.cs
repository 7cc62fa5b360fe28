using PiChassis.Controller.Policy;

namespace PiChassis.Controller.Storage;

/// <summary>
/// The demand profile's minutes in the store's <c>demand</c> table. Saves are written behind with
/// the engine step's other records, and drop the minutes the profile no longer keeps.
/// </summary>
internal sealed class StoredDemand(StoreDatabase database) : IDemandHistory
{
    public IReadOnlyList<(long Minute, int Nodes)> Load() => database.Read("reading the demand profile", connection =>
    {
        using var select = connection.Command("SELECT minute, nodes FROM demand ORDER BY minute");
        using var reader = select.ExecuteReader();
        List<(long, int)> minutes = [];
        while (reader.Read())
        {
            minutes.Add((reader.GetInt64(0), reader.GetInt32(1)));
        }

        return minutes;
    }, []);

    public void Save(long minute, int nodes, long keepFrom) => database.Write($"demand minute {minute}", transaction =>
    {
        using (var upsert = transaction.Command("INSERT INTO demand(minute, nodes) VALUES($minute, $nodes) ON CONFLICT(minute) DO UPDATE SET nodes = MAX(nodes, excluded.nodes)")
            .With("$minute", minute).With("$nodes", nodes))
        {
            upsert.ExecuteNonQuery();
        }

        using var prune = transaction.Command("DELETE FROM demand WHERE minute < $keepFrom").With("$keepFrom", keepFrom);
        prune.ExecuteNonQuery();
    });
}
