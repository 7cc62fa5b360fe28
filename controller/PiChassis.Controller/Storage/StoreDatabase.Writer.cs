using Microsoft.Data.Sqlite;

namespace PiChassis.Controller.Storage;

// The writer: one task commits the queued batches in order, all that are waiting in one transaction.
// A disk error keeps the engine's batches and tries again with a growing pause; a caller waiting
// for its own write is told false instead. A record
// that fails for a reason other than the disk (a bug in it) is logged and the others still go in.
public sealed partial class StoreDatabase
{
    /// <summary>Batches committed together at most.</summary>
    private const int MaxGroup = 512;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    /// <summary>SQLite's result codes of a disk or file that may work again: busy, locked, no memory, read-only, I/O, full, cannot open.</summary>
    private static readonly int[] DiskCodes = [5, 6, 7, 8, 10, 13, 14];

    private async Task WriteBehindAsync()
    {
        try
        {
            var group = new List<StoreBatch>();
            while (await _queue.Reader.WaitToReadAsync())
            {
                // Group commit: whatever queued up while the last commit ran goes in one transaction, so a
                // slow disk costs fewer, larger commits instead of a growing queue.
                while (group.Count < MaxGroup && _queue.Reader.TryRead(out var batch))
                {
                    group.Add(batch);
                }

                var taken = group.Count;
                var pause = FirstRetry;
                while (!Commit(group) && !_disposed)
                {
                    // Callers waiting for their own write were told; the engine's steps are kept and tried again.
                    group.RemoveAll(b => b.Done is not null);
                    if (group.Count == 0)
                    {
                        break;
                    }

                    await Task.Delay(pause, _time);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetry.Ticks));
                }

                group.Clear();
                var queued = Interlocked.Add(ref _queued, -taken);
                if (queued < BehindBatches && queued + taken >= BehindBatches)
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

    /// <summary>Commits <paramref name="group"/> in one transaction; false when the disk failed (nothing of it is in the file then).</summary>
    private bool Commit(List<StoreBatch> group)
    {
        List<StoreRecord> written;
        lock (_lock)
        {
            if (_disposed)
            {
                group.ForEach(b => b.Done?.TrySetResult(false));
                return true;
            }

            if (!TryCommit(group, out written))
            {
                group.ForEach(b => b.Done?.TrySetResult(false));
                return false;
            }
        }

        foreach (var record in written)
        {
            record.Committed?.Invoke();
        }

        foreach (var batch in group.Where(b => b.Done is not null))
        {
            batch.Done!.TrySetResult(batch.Records.All(written.Contains));
        }

        return true;
    }

    private bool TryCommit(List<StoreBatch> group, out List<StoreRecord> written)
    {
        var records = group.SelectMany(b => b.Records).ToList();
        var sync = group.Any(b => b.SyncToDisk);
        written = new List<StoreRecord>(records.Count);
        if (records.Count == 0)
        {
            return true;
        }

        try
        {
            _faults?.BeforeCommit();
            if (sync)
            {
                SyncCommits(true);
            }

            using (var transaction = _connection.BeginTransaction())
            {
                foreach (var record in records)
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
            Failed(records.Count == 1 ? records[0].What : $"{records.Count} records", e);
            written.Clear();
            return false;
        }
        finally
        {
            if (sync)
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
