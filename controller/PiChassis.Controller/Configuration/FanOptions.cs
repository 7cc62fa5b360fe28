namespace PiChassis.Controller.Configuration;

/// <summary>One chassis fan and how it is driven.</summary>
public sealed class FanOptions
{
    /// <summary><c>pwm</c> (hardware PWM channel), <c>gpio</c> (on/off) or <c>simulated</c> (only with --simulate).</summary>
    public string Driver { get; set; } = "pwm";

    /// <summary>The sysfs PWM chip (pwm only): GPIO18 with the <c>pwm</c> overlay is chip 0.</summary>
    public int PwmChip { get; set; }

    /// <summary>The channel on the chip (pwm only): GPIO18 is PWM0, channel 0.</summary>
    public int PwmChannel { get; set; }

    /// <summary>PWM frequency (pwm only); 25 kHz is above hearing.</summary>
    public int FrequencyHz { get; set; } = 25_000;

    /// <summary>BCM GPIO number (gpio only).</summary>
    public int? Pin { get; set; }

    /// <summary>True when a low level runs the fan (gpio only).</summary>
    public bool ActiveLow { get; set; }
}
