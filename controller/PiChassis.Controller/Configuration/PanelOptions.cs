namespace PiChassis.Controller.Configuration;

/// <summary>Gesture timing of the slot and master buttons, and the lamp test. Section <c>Panel</c>.</summary>
public sealed class PanelOptions
{
    public const string Section = "Panel";

    /// <summary>A slot button held this long forces the slot off (released earlier: a short press).</summary>
    public TimeSpan LongPress { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A second press within this time after a release makes a double press (identify).</summary>
    public TimeSpan DoublePressWindow { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>The master button held this long powers every slot off gracefully.</summary>
    public TimeSpan MasterLongPress { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The master button held this long clears the latched faults that may be cleared.</summary>
    public TimeSpan MasterVeryLongPress { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every LED is lit this long at start; zero skips the lamp test.</summary>
    public TimeSpan LampTest { get; set; } = TimeSpan.FromSeconds(1);
}
