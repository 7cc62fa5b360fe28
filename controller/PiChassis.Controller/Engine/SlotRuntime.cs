using PiChassis.Hardware;

namespace PiChassis.Controller.Engine;

/// <summary>
/// The engine's private, mutable record of one slot. Only the engine loop touches it; times are
/// monotonic (elapsed since the engine started).
/// </summary>
internal sealed class SlotRuntime(int slot, string node, int priority, IRelay relay)
{
    public int Slot { get; } = slot;

    public string Node { get; set; } = node;

    public int Priority { get; } = priority;

    public IRelay Relay { get; } = relay;

    public RestorePolicy RestorePolicy { get; init; }

    public bool Autoscaled { get; init; }

    /// <summary>The boot ended at the maximum boot time without a heartbeat, and none has come since.</summary>
    public bool BootTimedOut { get; set; }

    public SlotPhase Phase { get; set; } = SlotPhase.Off;

    public DateTimeOffset Since { get; set; }

    public SlotPolicy Policy { get; set; } = SlotPolicy.Manual;

    public bool Locked { get; set; }

    public SlotFault? Fault { get; set; }

    public long RelayCycles { get; set; }

    /// <summary>Who started the operation in progress (queued power-on, graceful off), for arbitration.</summary>
    public CommandOrigin? PendingOrigin { get; set; }

    public string PendingSource { get; set; } = "";

    /// <summary>After a graceful off (restart) or a cut (cycle), power on again.</summary>
    public bool PowerOnAfterOff { get; set; }

    public TimeSpan QueuedAt { get; set; }

    public TimeSpan? PoweredAt { get; set; }

    public TimeSpan? OffAt { get; set; }

    /// <summary>When the relay last opened, on the wall clock: kept across a restart for the minimum off-time.</summary>
    public DateTimeOffset? RelayOpenedAt { get; set; }

    public TimeSpan HaltRequestedAt { get; set; }

    public TimeSpan? BelowHaltSince { get; set; }

    /// <summary>The first reading over the limit, on the sampler's clock (<c>ChassisSnapshot.Elapsed</c>).</summary>
    public TimeSpan? OvercurrentSince { get; set; }

    public TimeSpan? StuckSince { get; set; }

    public TimeSpan? EmptySince { get; set; }

    public TimeSpan? IdentifyUntil { get; set; }

    /// <summary>
    /// Shed for heat: held off, whoever asks, until protection releases it once the chassis has
    /// cooled. An off leaves the hold in place; only protection lifts it.
    /// </summary>
    public bool ShedForHeat { get; set; }

    /// <summary>While held: power the slot on when released (it was on when shed, and nobody has switched it off since).</summary>
    public bool OnWhenReleased { get; set; }

    /// <summary>When the relay closed in the last day, oldest first.</summary>
    public List<TimeSpan> PowerOns { get; } = [];

    public double BootPeakW { get; set; }

    public double? LearnedBootPeakW { get; set; }

    /// <summary>Since the last power-on, until a sample shows the draw back within the reservation.</summary>
    public bool WatchingInrush { get; set; }

    public TimeSpan? LearnedInrush { get; set; }

    public TimeSpan? SettleStart { get; set; }

    public double SettleMinW { get; set; }

    public double SettleMaxW { get; set; }

    public TimeSpan? LastHeartbeat { get; set; }

    /// <summary>A learnt name not yet confirmed: its heartbeats count for this slot, nothing is addressed to it.</summary>
    public string? PendingNode { get; set; }

    public TimeSpan? OnSince { get; set; }

    public List<TimeSpan> WatchdogAttempts { get; } = [];

    /// <summary>The latest measurement, from the sampler.</summary>
    public double PowerW { get; set; }

    public double CurrentA { get; set; }

    /// <summary>The latest sample was read with the relay closed (one read before a close shows nothing of the board).</summary>
    public bool SampledClosed { get; set; }

    public bool Stale { get; set; }

    public int FailedReads { get; set; }

    /// <summary>The sensor's range was exceeded: more current than it can show.</summary>
    public bool Overflow { get; set; }

    public SlotState ToState(TimeSpan now) => new(
        Slot, Node, Relay.IsClosed, Phase, Policy, Locked, Fault, Since, RelayCycles,
        IdentifyUntil is { } until && until > now)
    {
        Held = ShedForHeat,
        OnWhenReleased = OnWhenReleased,
        PendingNode = PendingNode,
    };
}
