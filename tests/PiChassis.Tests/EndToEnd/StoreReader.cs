using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace PiChassis.Tests.EndToEnd;

/// <summary>Reads a controller's store from outside, as an operator with the sqlite3 tool would; safe while the controller runs (WAL).</summary>
internal sealed class StoreReader(string dataDir)
{
    private string File => Path.Combine(dataDir, "state.db");

    public bool Exists => System.IO.File.Exists(File);

    public long LastSeq() => Query("SELECT COALESCE(MAX(seq), 0) FROM events", r => r.GetInt64(0)).SingleOrDefault();

    public IReadOnlyList<(long Seq, string Type, int? Slot, JsonObject? Detail)> EventsAfter(long seq) => Query(
        $"SELECT seq, type, slot, detail FROM events WHERE seq > {seq} ORDER BY seq",
        r => (r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? (int?)null : r.GetInt32(2), r.IsDBNull(3) ? null : JsonNode.Parse(r.GetString(3)) as JsonObject));

    /// <summary>Each slot's phase as last stored, slot 1 first.</summary>
    public IReadOnlyList<string> Phases() => Query("SELECT phase FROM slots ORDER BY slot", r => r.GetString(0));

    /// <summary>Each slot's lifetime energy as last flushed, slot 1 first.</summary>
    public IReadOnlyList<double> LifetimeWh() => Query("SELECT lifetime_wh FROM energy ORDER BY slot", r => r.GetDouble(0));

    public string? Meta(string key) => Query($"SELECT value FROM meta WHERE key = '{key}'", r => r.GetString(0)).SingleOrDefault();

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> row)
    {
        if (!Exists)
        {
            return [];
        }

        using var connection = new SqliteConnection($"Data Source={File};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
