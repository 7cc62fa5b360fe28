using Microsoft.Data.Sqlite;

namespace PiChassis.Controller.Storage;

/// <summary>Short forms for the store's commands and its <c>meta</c> key/value table.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>A command that runs inside <paramref name="transaction"/> (Microsoft.Data.Sqlite insists).</summary>
    public static SqliteCommand Command(this SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.Command(sql);
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? Meta(this SqliteConnection connection, string key)
    {
        using var command = connection.Command("SELECT value FROM meta WHERE key = $key").With("$key", key);
        return command.ExecuteScalar() as string;
    }

    public static void SetMeta(this SqliteTransaction transaction, string key, string value)
    {
        using var command = transaction.Command("INSERT INTO meta(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .With("$key", key).With("$value", value);
        command.ExecuteNonQuery();
    }
}
