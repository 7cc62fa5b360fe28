using Microsoft.Data.Sqlite;

namespace PiChassis.Controller.Storage;

/// <summary>The store's tables. The format version lives in SQLite's <c>user_version</c>.</summary>
internal static class StoreSchema
{
    public const int FormatVersion = 1;

    // The demand, schedules and power_ons tables (the policy's demand profile, scheduled capacity and
    // the engine's power-ons of the last day) and the slots' learned_inrush_ticks and relay_opened_at
    // columns came later within format 1: a controller without them ignores them (it names its
    // columns), one with them adds them to an older store.
    private const string Create = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS slots(
            slot INTEGER PRIMARY KEY, node TEXT NOT NULL, phase TEXT NOT NULL, desired_on INTEGER NOT NULL,
            policy TEXT NOT NULL, locked INTEGER NOT NULL, fault_code TEXT, fault_message TEXT, fault_at INTEGER,
            relay_cycles INTEGER NOT NULL, learned_boot_peak_w REAL, shed_for_heat INTEGER NOT NULL, saved_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS energy(
            slot INTEGER PRIMARY KEY, lifetime_wh REAL NOT NULL, today_wh REAL NOT NULL, yesterday_wh REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS events(
            seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, type TEXT NOT NULL, slot INTEGER, source TEXT NOT NULL, detail TEXT);
        CREATE INDEX IF NOT EXISTS events_at ON events(at);
        CREATE TABLE IF NOT EXISTS demand(minute INTEGER PRIMARY KEY, nodes INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS schedules(
            id TEXT PRIMARY KEY, requester TEXT NOT NULL, source TEXT NOT NULL, nodes INTEGER NOT NULL, min_spare INTEGER NOT NULL,
            at INTEGER NOT NULL, until INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS power_ons(slot INTEGER NOT NULL, at INTEGER NOT NULL);
        PRAGMA user_version = 1;
        """;

    /// <summary>Creates the tables of a new store; null when the store is usable, else why not.</summary>
    public static string? Apply(SqliteConnection connection)
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var found = Convert.ToInt64(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (found > FormatVersion)
        {
            return $"the store has format {found}; this controller reads format {FormatVersion}";
        }

        using var create = connection.CreateCommand();
        create.CommandText = Create;
        create.ExecuteNonQuery();
        AddColumn(connection, "learned_inrush_ticks");
        AddColumn(connection, "relay_opened_at");
        return null;
    }

    /// <summary>Adds an integer column of format 1 that an older store of the same format lacks.</summary>
    private static void AddColumn(SqliteConnection connection, string column)
    {
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT COUNT(*) FROM pragma_table_info('slots') WHERE name = $column;";
        find.Parameters.AddWithValue("$column", column);
        if (Convert.ToInt64(find.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var add = connection.CreateCommand();
            add.CommandText = $"ALTER TABLE slots ADD COLUMN {column} INTEGER;";
            add.ExecuteNonQuery();
        }
    }
}
