namespace PiChassis.Controller.Configuration;

/// <summary>The optional node watchdog. Section <c>Watchdog</c>.</summary>
public sealed class WatchdogOptions
{
    public const string Section = "Watchdog";

    /// <summary>Slots watched: heartbeats must keep coming while they are on.</summary>
    public List<int> Slots { get; } = [];

    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Restart, then hard cycle, then quarantine after this many attempts within the window.</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromHours(1);
}
