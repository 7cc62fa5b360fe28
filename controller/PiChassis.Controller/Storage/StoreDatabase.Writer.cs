using Microsoft.Data.Sqlite;

namespace PiChassis.Controller.Storage;

// The writer: one task commits the queued batches in order. A disk error keeps the batch and tries
// again with a growing pause; a caller waiting for its own write is told false instead. A record
// that fails for a reason other than the disk (a bug in it) is logged and the others still go in.
public sealed partial class StoreDatabase
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    /// <summary>SQLite's result codes of a disk or file that may work again: busy, locked, no memory, read-only, I/O, full, cannot open.</summary>
    private static readonly int[] DiskCodes = [5, 6, 7, 8, 10, 13, 14];

    private async Task WriteBehindAsync()
    {
        try
        {
            await foreach (var batch in _queue.Reader.ReadAllAsync())
            {
                var pause = FirstRetry;
                while (!Commit(batch) && batch.Done is null && !_disposed)
                {
                    await Task.Delay(pause, _time);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetry.Ticks));
                }

                if (Interlocked.Decrement(ref _queued) == BehindBatches - 1)
                {
                    HealthChanged?.Invoke(this, Health);
                }
            }
        }
        catch (Exception e)
        {
            LogWriterFaulted(_logger, FilePath ?? "memory", e);
            _queue.Writer.TryComplete(e);
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done?.TrySetResult(false);
            }

            throw;
        }
    }

    /// <summary>Commits <paramref name="batch"/>; false when the disk failed (nothing of it is in the file then).</summary>
    private bool Commit(StoreBatch batch)
    {
        List<StoreRecord> written;
        lock (_lock)
        {
            if (_disposed)
            {
                batch.Done?.TrySetResult(false);
                return true;
            }

            if (!TryCommit(batch, out written))
            {
                batch.Done?.TrySetResult(false);
                return false;
            }
        }

        foreach (var record in written)
        {
            record.Committed?.Invoke();
        }

        batch.Done?.TrySetResult(written.Count == batch.Records.Count);
        return true;
    }

    private bool TryCommit(StoreBatch batch, out List<StoreRecord> written)
    {
        written = new List<StoreRecord>(batch.Records.Count);
        if (batch.Records.Count == 0)
        {
            return true;
        }

        try
        {
            _faults?.BeforeCommit();
            if (batch.SyncToDisk)
            {
                SyncCommits(true);
            }

            using (var transaction = _connection.BeginTransaction())
            {
                foreach (var record in batch.Records)
                {
                    if (TryWrite(record, transaction))
                    {
                        written.Add(record);
                    }
                }

                transaction.Commit();
            }

            Recovered();
            return true;
        }
        catch (SqliteException e)
        {
            Failed(batch.Records.Count == 1 ? batch.Records[0].What : $"{batch.Records.Count} records", e);
            written.Clear();
            return false;
        }
        finally
        {
            if (batch.SyncToDisk)
            {
                TrySyncCommits(false);
            }
        }
    }

    /// <summary>One record: a failure of the disk fails the batch; any other failure loses only this record.</summary>
    private bool TryWrite(StoreRecord record, SqliteTransaction transaction)
    {
        try
        {
            record.Write(transaction);
            return true;
        }
        catch (SqliteException e) when (!DiskCodes.Contains(e.SqliteErrorCode))
        {
            LogRecordFailed(_logger, record.What, FilePath ?? "memory", e);
            return false;
        }
    }

    // With WAL, FULL syncs the log at the commit (and with it every earlier commit); NORMAL only at checkpoints.
    private void SyncCommits(bool sync)
    {
        using var pragma = _connection.Command(sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        pragma.ExecuteNonQuery();
    }

    private void TrySyncCommits(bool sync)
    {
        try
        {
            SyncCommits(sync);
        }
        catch (SqliteException e)
        {
            Failed("setting the sync mode", e);
        }
    }

    // A disk that fails keeps failing: say so once, and once more when it works again.
    private void Failed(string what, SqliteException e)
    {
        if (!_failing)
        {
            _failing = true;
            LogFailed(_logger, what, FilePath ?? "memory", e);
            HealthChanged?.Invoke(this, Health);
        }
    }

    private void Recovered()
    {
        if (_failing)
        {
            _failing = false;
            LogWorksAgain(_logger, FilePath ?? "memory");
            HealthChanged?.Invoke(this, Health);
        }
    }
}
