namespace PiChassis.Controller.Configuration;

/// <summary>The shared supply and how slots are admitted onto it. Section <c>Power</c>.</summary>
public sealed class PowerOptions
{
    public const string Section = "Power";

    /// <summary>What the supply may deliver to the slots, in watts.</summary>
    public double PsuBudgetW { get; set; } = 60;

    /// <summary>Kept free for surges the measurements do not show.</summary>
    public double HeadroomW { get; set; } = 5;

    /// <summary>Reserved for a booting slot until that slot has measured boots of its own.</summary>
    public double DefaultBootPeakW { get; set; } = 6.5;

    /// <summary>
    /// Longest time between two power-ons, so inrush surges do not stack: the wait after a slot whose
    /// inrush is not measured yet. A measured slot waits its inrush instead (never more than this;
    /// 0 powers every slot that fits at once).
    /// </summary>
    public TimeSpan StaggerInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Least time between two power-ons however short the measured inrush (surges shorter than a sweep go unseen).</summary>
    public TimeSpan MinStaggerInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Booting ends without a heartbeat when the draw has been steady this long…</summary>
    public TimeSpan BootSettleTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>…within this band (watts)…</summary>
    public double BootSettleBandW { get; set; } = 0.3;

    /// <summary>…but not before this much time since power-on.</summary>
    public TimeSpan MinBootTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Booting ends in any case after this long.</summary>
    public TimeSpan MaxBootTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A halted node draws less than this until its relay opens.</summary>
    public double HaltThresholdW { get; set; } = 1.5;

    /// <summary>The draw must stay under the halt threshold this long before the relay opens.</summary>
    public TimeSpan HaltHoldTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A graceful off is forced after this long.</summary>
    public TimeSpan HaltTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Relay wear guard: a slot stays off at least this long before it is powered again.</summary>
    public TimeSpan MinOffTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Relay wear guard: power-ons per slot per rolling hour.</summary>
    public int MaxCyclesPerHour { get; set; } = 20;

    /// <summary>
    /// Command that halts a node without the MQTT agent, e.g. <c>ssh {node} sudo poweroff</c>. Split into
    /// words once at start (quotes as in the shell); {node} and {slot} are replaced inside each word, and
    /// the program runs directly with those words as its arguments: no shell, so no pipes or redirections.
    /// </summary>
    public string? HaltCommand { get; set; }
}
