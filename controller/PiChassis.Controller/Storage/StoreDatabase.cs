using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;

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
public sealed partial class StoreDatabase : IDisposable, IStepWrites
{
    public const string FileName = "state.db";

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly List<(string What, Action<SqliteTransaction> Write)> _stepWrites = [];
    private int _stepDepth;
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

    /// <summary>
    /// Starts a step: the writes this thread makes until the result is disposed are kept and run
    /// then, in order, in one transaction. Other threads' reads and writes wait until it is
    /// committed, so nobody sees, or publishes, a step's records before they are in the file.
    /// </summary>
    public IDisposable Begin()
    {
        _lock.Enter();
        _stepDepth++;
        return new StepScope(this);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction; false (and logged) when it failed. Inside
    /// this thread's open step (<see cref="Begin"/>) it runs at the end of the step and says true:
    /// a failure then is logged there.
    /// </summary>
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

            if (_stepDepth > 0 && !syncToDisk)
            {
                _stepWrites.Add((what, write));
                return true;
            }

            // A write that must reach the disk commits the step so far first.
            CommitStep();
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

    private void CommitStep()
    {
        if (_stepWrites.Count == 0 || _disposed)
        {
            _stepWrites.Clear();
            return;
        }

        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var (what, write) in _stepWrites)
            {
                Run(what, () => write(transaction));
            }

            if (Run("a step's writes", transaction.Commit))
            {
                Recovered();
            }
        }
        catch (SqliteException e)
        {
            Failed("a step's writes", e);
        }
        finally
        {
            _stepWrites.Clear();
        }
    }

    /// <summary>One record of a step: a failed one is logged and the others still go in.</summary>
    private bool Run(string what, Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (SqliteException e)
        {
            Failed(what, e);
            return false;
        }
    }

    private void EndStep()
    {
        try
        {
            if (--_stepDepth == 0)
            {
                CommitStep();
            }
        }
        finally
        {
            _lock.Exit();
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

    private sealed class StepScope(StoreDatabase database) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            if (!_ended)
            {
                _ended = true;
                database.EndStep();
            }
        }
    }
}
