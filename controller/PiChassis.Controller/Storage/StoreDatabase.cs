using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>
/// The controller's SQLite store: <c>state.db</c> in the data directory, in WAL mode. Every write
/// goes, in order, through one writer task with a bounded queue (write-behind): the engine loop
/// hands over a step's records and goes on, never waiting for the disk or for the connection,
/// which the writer and readers share under a lock. A commit is in the file when it completes; the
/// disk itself is synced only by a write that asks for it (the energy flush), so a power cut loses
/// at most one flush interval and the SD card is spared a sync per event. A failed commit is
/// logged and retried until the disk works again; nothing handed over is dropped unless the queue
/// is full. <see cref="Open"/> says how the file was found.
/// </summary>
public sealed partial class StoreDatabase : IDisposable, IStepWrites
{
    public const string FileName = "state.db";

    /// <summary>Batches waiting for the writer at most; beyond that a step's records are lost (and counted).</summary>
    public const int MaxQueuedBatches = 4096;

    /// <summary>From this many queued batches on, the store counts as behind and commands are refused.</summary>
    public const int BehindBatches = MaxQueuedBatches / 4;

    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Channel<StoreBatch> _queue = Channel.CreateBounded<StoreBatch>(
        new BoundedChannelOptions(MaxQueuedBatches) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteConnection _connection;

    // Readers have a connection of their own (WAL lets them read while the writer commits), so a
    // stalled commit never holds up a request/events read and the thread it runs on.
    private readonly SqliteConnection _reader;
    private readonly Lock _readLock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IStoreFaults? _faults;
    private readonly Task _writer;
    private StoreBatch? _step;
    private int _stepThread;
    private int _stepDepth;
    private int _queued;
    private long _lostRecords;
    private volatile bool _failing;
    private volatile bool _closing;
    private volatile bool _disposed;

    private StoreDatabase(SqliteConnection connection, TimeProvider time, ILogger logger, IStoreFaults? faults,
        StoreStatus status, string? filePath, string? problem, string? setAsidePath)
    {
        _connection = connection;
        (_reader, _readLock) = filePath is null ? (connection, _lock) : (OpenReader(filePath), new Lock());
        _time = time;
        _logger = logger;
        _faults = faults;
        Status = status;
        FilePath = filePath;
        Problem = problem;
        SetAsidePath = setAsidePath;
        _writer = Task.Run(WriteBehindAsync);
    }

    /// <summary>Raised (on the writer) when the store starts or stops failing, or falls behind or catches up.</summary>
    public event EventHandler<StoreHealth>? HealthChanged;

    public StoreStatus Status { get; }

    /// <summary>The store's file; null when it lives in memory.</summary>
    public string? FilePath { get; }

    /// <summary>What was wrong with the store found at start, if anything.</summary>
    public string? Problem { get; }

    /// <summary>Where a damaged store was moved to; it is kept for inspection, never deleted.</summary>
    public string? SetAsidePath { get; }

    /// <summary>Completes when the writer has stopped; faulted when a write threw something other than a store error.</summary>
    public Task Completion => _writer;

    public bool IsBehind => Volatile.Read(ref _queued) >= BehindBatches;

    /// <summary>How the writer is doing now.</summary>
    public StoreHealth Health => new(_failing ? StoreHealth.Failing : IsBehind ? StoreHealth.Behind : StoreHealth.Ok,
        Volatile.Read(ref _queued), Interlocked.Read(ref _lostRecords));

    /// <summary>
    /// Starts a step on this thread: the writes it makes until the result is disposed are handed
    /// to the writer then, as one batch, without waiting for it.
    /// </summary>
    public IDisposable Begin()
    {
        if (_stepDepth++ == 0)
        {
            _step = new StoreBatch(syncToDisk: false, done: null);
            Volatile.Write(ref _stepThread, Environment.CurrentManagedThreadId);
        }

        return new StepScope(this);
    }

    /// <summary>
    /// Writes in one transaction, in order with every earlier write. Inside this thread's open step
    /// (<see cref="Begin"/>) the write joins the step's batch and true is returned at once. Any other
    /// caller waits until it is committed: false (and logged) when it failed.
    /// </summary>
    /// <param name="syncToDisk">Wait until this and every earlier commit is on the disk.</param>
    /// <param name="committed">Runs on the writer once the write is in the file.</param>
    public bool Write(string what, Action<SqliteTransaction> write, bool syncToDisk = false, Action? committed = null) =>
        WriteAsync(what, write, syncToDisk, committed).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Write"/>, without holding the caller's thread while the disk works: queued in order
    /// at once, completed when committed. What waits on a disk that stalls for minutes must not hold
    /// threads the engine loop and the sampler need.
    /// </summary>
    public Task<bool> WriteAsync(string what, Action<SqliteTransaction> write, bool syncToDisk = false, Action? committed = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_disposed)
        {
            return Task.FromResult(false);
        }

        var record = new StoreRecord(what, write, committed);
        if (InStep)
        {
            _step!.Records.Add(record);
            _step.SyncToDisk |= syncToDisk;
            return Task.FromResult(true);
        }

        var batch = new StoreBatch(syncToDisk, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        batch.Records.Add(record);
        return Enqueue(batch) ? batch.Done!.Task : Task.FromResult(false);
    }

    /// <summary>Completes when everything handed over before the call is committed (or given up).</summary>
    public Task FlushAsync()
    {
        var batch = new StoreBatch(syncToDisk: false, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return Enqueue(batch) ? batch.Done!.Task : Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="read"/> on what is committed; <paramref name="fallback"/> (and logged) when it failed.</summary>
    public T Read<T>(string what, Func<SqliteConnection, T> read, T fallback)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_readLock)
        {
            if (_disposed)
            {
                return fallback;
            }

            try
            {
                return read(_reader);
            }
            catch (SqliteException e)
            {
                Failed(what, e);
                return fallback;
            }
        }
    }

    /// <summary>Lets the writer finish what was handed over (for a few seconds at most), then closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _closing = true;
        _queue.Writer.TryComplete();
        try
        {
            _writer.Wait(DisposeWait);
        }
        catch (AggregateException)
        {
            // A faulted writer was reported by the supervisor.
        }

        lock (_lock)
        {
            lock (_readLock)
            {
                _disposed = true;
                _reader.Dispose();
                _connection.Dispose();
            }
        }
    }

    private bool InStep => _stepDepth > 0 && Volatile.Read(ref _stepThread) == Environment.CurrentManagedThreadId;

    private void EndStep()
    {
        if (--_stepDepth > 0)
        {
            return;
        }

        var batch = _step!;
        _step = null;
        Volatile.Write(ref _stepThread, 0);
        if (batch.Records.Count > 0)
        {
            Enqueue(batch);
        }
    }

    private bool Enqueue(StoreBatch batch)
    {
        if (_queue.Writer.TryWrite(batch))
        {
            if (Interlocked.Increment(ref _queued) == BehindBatches)
            {
                LogBehind(_logger, FilePath ?? "memory", BehindBatches);
                HealthChanged?.Invoke(this, Health);
            }

            return true;
        }

        if (_closing)
        {
            batch.Done?.TrySetResult(false);
            return false;
        }

        // Full: the writer is stuck far behind. Protection must go on, so the batch is dropped, counted and said.
        Interlocked.Add(ref _lostRecords, batch.Records.Count);
        LogLost(_logger, batch.Records.Count, FilePath ?? "memory");
        batch.Done?.TrySetResult(false);
        return false;
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
