namespace PiChassis.Controller.Configuration;

/// <summary>Where persistent state lives and how it is kept. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataDir { get; set; } = "/var/lib/pichassis";

    /// <summary>
    /// Energy counters are written this often (and on a clean stop): a crash loses at most this much
    /// of them. State changes and events are written at once.
    /// </summary>
    public TimeSpan EnergyFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events older than this leave the journal.</summary>
    public TimeSpan JournalMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The journal keeps at most this many events (about 40 MB at 200 000), the newest.</summary>
    public int JournalMaxEvents { get; set; } = 200_000;
}
