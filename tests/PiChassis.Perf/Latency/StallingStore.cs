using PiChassis.Controller.Storage;

namespace PiChassis.Perf.Latency;

/// <summary>
/// A store as slow as a worn SD card: every commit stalls for <see cref="Stall"/> before it starts
/// (holding the connection, as a slow sync does). <see cref="Release"/> ends the stalls so that the
/// controller can stop without working off its backlog at that pace.
/// </summary>
public sealed class StallingStore(TimeSpan stall) : IStoreFaults
{
    private volatile bool _released;
    private long _commits;

    public TimeSpan Stall => stall;

    /// <summary>Commits that were stalled.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public void Release() => _released = true;

    public void BeforeCommit()
    {
        if (_released)
        {
            return;
        }

        Interlocked.Increment(ref _commits);

        // The store's writer is a thread of its own: blocking it is what a stalled disk does.
        Thread.Sleep(stall);
    }
}
