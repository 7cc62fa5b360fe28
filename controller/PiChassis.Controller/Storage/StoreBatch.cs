using Microsoft.Data.Sqlite;

namespace PiChassis.Controller.Storage;

/// <summary>
/// Writes committed together in one transaction by the store's writer: one engine step's records,
/// or one write of another thread, which <see cref="Done"/> tells when it is in the file.
/// </summary>
internal sealed class StoreBatch(bool syncToDisk, TaskCompletionSource<bool>? done)
{
    public List<StoreRecord> Records { get; } = [];

    /// <summary>Wait until this and every earlier commit is on the disk.</summary>
    public bool SyncToDisk { get; set; } = syncToDisk;

    /// <summary>Completed true when committed, false when the write failed and will not be retried.</summary>
    public TaskCompletionSource<bool>? Done { get; } = done;
}

/// <summary>One record of a batch, with what to do once it is committed (e.g. publish the event).</summary>
internal sealed record StoreRecord(string What, Action<SqliteTransaction> Write, Action? Committed);
