using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Storage;

/// <summary>
/// The controller's SQLite store: <c>state.db</c> in the data directory, in WAL mode. A commit is in
/// the file when it returns, so it survives the process being killed; the disk itself is synced only
/// by a write that asks for it (the energy flush), so a power cut loses at most one flush interval
/// and the SD card is spared a sync per event, and the engine loop a wait for one. One connection
/// used under a lock, since the engine loop writes while others read the journal. A failed write is
/// logged and reported, never thrown: losing a record must not stop protection.
/// <see cref="Open"/> says how the file was found.
/// </summary>
public sealed partial class StoreDatabase : IDisposable
{
    public const string FileName = "state.db";

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private bool _failing;
    private bool _disposed;

    private StoreDatabase(SqliteConnection connection, ILogger logger, StoreStatus status, string? filePath, string? problem, string? setAsidePath)
    {
        _connection = connection;
        _logger = logger;
        Status = status;
        FilePath = filePath;
        Problem = problem;
        SetAsidePath = setAsidePath;
    }

    public StoreStatus Status { get; }

    /// <summary>The store's file; null when it lives in memory.</summary>
    public string? FilePath { get; }

    /// <summary>What was wrong with the store found at start, if anything.</summary>
    public string? Problem { get; }

    /// <summary>Where a damaged store was moved to; it is kept for inspection, never deleted.</summary>
    public string? SetAsidePath { get; }

    /// <summary>Runs <paramref name="write"/> in one transaction; false (and logged) when it failed.</summary>
    /// <param name="syncToDisk">Wait until this and every earlier commit is on the disk.</param>
    public bool Write(string what, Action<SqliteTransaction> write, bool syncToDisk = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            try
            {
                if (syncToDisk)
                {
                    SyncCommits(true);
                }

                using (var transaction = _connection.BeginTransaction())
                {
                    write(transaction);
                    transaction.Commit();
                }

                Recovered();
                return true;
            }
            catch (SqliteException e)
            {
                Failed(what, e);
                return false;
            }
            finally
            {
                if (syncToDisk)
                {
                    SyncCommits(false);
                }
            }
        }
    }

    /// <summary>Runs <paramref name="read"/>; <paramref name="fallback"/> (and logged) when it failed.</summary>
    public T Read<T>(string what, Func<SqliteConnection, T> read, T fallback)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_lock)
        {
            if (_disposed)
            {
                return fallback;
            }

            try
            {
                return read(_connection);
            }
            catch (SqliteException e)
            {
                Failed(what, e);
                return fallback;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
    }

    // With WAL, FULL syncs the log at the commit (and with it every earlier commit); NORMAL only at checkpoints.
    private void SyncCommits(bool sync)
    {
        using var pragma = _connection.Command(sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        pragma.ExecuteNonQuery();
    }

    // A disk that fails keeps failing: say so once, and once more when it works again.
    private void Failed(string what, SqliteException e)
    {
        if (!_failing)
        {
            _failing = true;
            LogFailed(_logger, what, FilePath ?? "memory", e);
        }
    }

    private void Recovered()
    {
        if (_failing)
        {
            _failing = false;
            LogWorksAgain(_logger, FilePath ?? "memory");
        }
    }
}
