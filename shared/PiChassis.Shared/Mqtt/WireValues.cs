namespace PiChassis.Shared.Mqtt;

/// <summary>The enumerated string values of requests and responses.</summary>
public static class WireValues
{
    /// <summary><c>state</c> of a <c>power</c> request.</summary>
    public static IReadOnlyList<string> PowerStates { get; } = ["on", "off", "force_off"];

    /// <summary><c>wait</c> of a switching request: answer at once, once the relay switched, or once the node is up (or off).</summary>
    public static IReadOnlyList<string> WaitModes { get; } = ["none", "relay", "ready"];

    public static IReadOnlyList<string> Policies { get; } = ["manual", "auto", "always_on", "always_off"];

    public static IReadOnlyList<string> Phases { get; } = ["off", "queued", "booting", "on", "shutting_down", "fault"];

    /// <summary><c>period</c> of an <c>energy</c> request.</summary>
    public static IReadOnlyList<string> EnergyPeriods { get; } = ["today", "yesterday", "total"];

    /// <summary>Plain-text commands on <c>slot/&lt;n&gt;/set</c> (any case).</summary>
    public static IReadOnlyList<string> SlotShortcuts { get; } =
        ["ON", "OFF", "FORCE_OFF", "CYCLE", "RESTART", "CLEAR_FAULT", "IDENTIFY", "LOCK", "UNLOCK"];

    /// <summary><c>action</c> of an <c>identity</c> request.</summary>
    public static IReadOnlyList<string> IdentityActions { get; } = ["confirm", "reject"];

    /// <summary><c>action</c> of a <c>capacity</c> request: set a target (now, or scheduled with <c>at</c>), list the scheduled entries, cancel one.</summary>
    public static IReadOnlyList<string> CapacityActions { get; } = ["set", "list", "cancel"];

    public const string StatusOk = "ok";
    public const string StatusPartial = "partial";
    public const string StatusError = "error";

    /// <summary>The node command that halts a node.</summary>
    public const string HaltAction = "halt";
}
