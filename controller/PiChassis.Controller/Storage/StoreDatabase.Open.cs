using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Storage;

// Opening never stops the controller: a damaged file is set aside and a fresh store started, and
// when even that fails the store lives in memory. Either way the hardware state is adopted as found.
public sealed partial class StoreDatabase
{
    /// <summary>SQLite's result codes for a file that is not (or no longer) a sound database.</summary>
    private static readonly int[] DamageCodes = [11 /* SQLITE_CORRUPT */, 26 /* SQLITE_NOTADB */];

    /// <summary>Opens or creates the store in <paramref name="dataDir"/>; see <see cref="Status"/> for how it went.</summary>
    /// <param name="faults">Faults to inject before each commit, for tests; null in the controller.</param>
    public static StoreDatabase Open(string dataDir, TimeProvider time, ILogger logger, IStoreFaults? faults = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var path = Path.GetFullPath(Path.Combine(dataDir, FileName));
        try
        {
            Directory.CreateDirectory(dataDir);
            var existed = File.Exists(path);
            var connection = OpenFile(path, out var damage);
            if (connection is not null)
            {
                if (!existed)
                {
                    LogCreated(logger, path);
                }

                return new StoreDatabase(connection, time, logger, faults, existed ? StoreStatus.Opened : StoreStatus.Created, path, null, null);
            }

            var aside = SetAside(path, time);
            var salvagedSeq = SalvageSeq(aside);
            LogSetAside(logger, path, damage!, aside, salvagedSeq);
            var fresh = OpenFile(path, out var again) ?? throw new IOException($"a fresh store is damaged too: {again}");
            if (salvagedSeq > 0)
            {
                using var transaction = fresh.BeginTransaction();
                transaction.SetMeta(SqliteEventJournal.SeqFloorKey, salvagedSeq.ToString(CultureInfo.InvariantCulture));
                transaction.Commit();
            }

            return new StoreDatabase(fresh, time, logger, faults, StoreStatus.Recovered, path, damage, aside);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogInMemory(logger, path, e.Message, e);
            var memory = new SqliteConnection("Data Source=:memory:");
            memory.Open();
            StoreSchema.Apply(memory);
            return new StoreDatabase(memory, time, logger, faults, StoreStatus.InMemory, null, e.Message, null);
        }
    }

    /// <summary>The open store, or null with <paramref name="damage"/> saying why the file is unusable.</summary>
    /// <exception cref="SqliteException">The file cannot be opened at all (permissions, I/O).</exception>
    private static SqliteConnection? OpenFile(string path, out string? damage)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = connection.Command("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"))
            {
                pragmas.ExecuteNonQuery();
            }

            using (var check = connection.Command("PRAGMA quick_check;"))
            {
                var result = check.ExecuteScalar() as string;
                damage = result == "ok" ? null : $"integrity check: {result}";
            }

            damage ??= StoreSchema.Apply(connection);
        }
        catch (SqliteException e) when (DamageCodes.Contains(e.SqliteErrorCode))
        {
            damage = e.Message;
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        if (damage is null)
        {
            return connection;
        }

        connection.Dispose();
        return null;
    }

    /// <summary>A second connection to the open store, for readers.</summary>
    private static SqliteConnection OpenReader(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Renames the store and its WAL files to <c>state.db.corrupt-&lt;UTC time&gt;</c>.</summary>
    private static string SetAside(string path, TimeProvider time)
    {
        var aside = $"{path}.corrupt-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}";
        for (var n = 2; File.Exists(aside); n++)
        {
            aside = $"{path}.corrupt-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{n}";
        }

        File.Move(path, aside);
        foreach (var suffix in (string[])["-wal", "-shm"])
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }

        return aside;
    }

    /// <summary>The last event number of a damaged store if it can still be read, so numbering never restarts; else 0.</summary>
    private static long SalvageSeq(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            using var max = connection.Command("SELECT MAX(seq) FROM events");
            return max.ExecuteScalar() is long seq ? seq : 0;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
