namespace PiChassis.Controller.Configuration;

/// <summary>The energy policy's capacity mode. Section <c>Policy</c>.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>How often the policy looks at the chassis and switches auto slots.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An idle node is switched off only after it has been idle this long.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A slot stays on at least this long after its relay closed, so one burst costs one relay cycle.</summary>
    public TimeSpan MinOnTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Hysteresis: capacity goes down only to the highest target asked within this window, so a
    /// demand that dips and returns does not power nodes off and on again. Capacity goes up at once.
    /// </summary>
    public TimeSpan Hysteresis { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Warm spares come on top of the nodes that have been busy throughout this window, not on top
    /// of a momentary peak: a spike boots the nodes it needs and no spare with them; a spare follows
    /// a demand that stays. Zero puts the spares on top of every peak at once.
    /// </summary>
    public TimeSpan SpareDelay { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Warm spares (idle nodes on beyond the busy ones) when the scheduler names none.</summary>
    public int DefaultMinSpare { get; set; }

    /// <summary>Highest idle draw expected of a node (Pi 4B: 2.7–3.4 W); a slot's own lower idle is learned.</summary>
    public double IdleW { get; set; } = 3.4;

    /// <summary>A node drawing more than its idle draw plus this margin is busy.</summary>
    public double BusyMarginW { get; set; } = 0.5;

    /// <summary>Time constant of the per-slot heat proxy (the average of the slot's draw).</summary>
    public TimeSpan HeatTimeConstant { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Slots whose heat proxies differ by less than this count as equally cool; wear decides between them.</summary>
    public double HeatToleranceW { get; set; } = 0.5;

    /// <summary>
    /// Power-ons a slot may take in any 24 hours before the policy prefers every other slot to it:
    /// the relay's and the board's wear spread over the chassis. A slot over it is still used when
    /// no other can serve (capacity first), and it is the last the policy switches off.
    /// </summary>
    public int DailyCycleBudget { get; set; } = 12;

    /// <summary>Whether the policy learns the scheduler's rhythm (a demand profile) and acts ahead of it.</summary>
    public bool Learn { get; set; } = true;

    /// <summary>
    /// How far ahead of a predicted rise nodes are powered on: a Pi 4's boot (25–40 s) and a margin.
    /// </summary>
    public TimeSpan PrewarmLead { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Nodes the profile expects to be wanted again within this time are kept on rather than cycled.</summary>
    public TimeSpan KeepAhead { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A forecast is acted on only from this confidence (the share of past days that agree, discounted while they are few).</summary>
    public double ForecastConfidence { get; set; } = 0.5;

    /// <summary>Minutes either side of a time of day looked at on past days: a wave a few minutes early or late still counts.</summary>
    public int ProfileWindow { get; set; } = 3;

    /// <summary>How long the demand profile remembers a minute.</summary>
    public TimeSpan ProfileRetention { get; set; } = TimeSpan.FromDays(35);
}
