namespace PiChassis.Controller.Configuration;

/// <summary>Limits the protection enforces in the sampling cadence. Section <c>Protection</c>.</summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";

    /// <summary>Per-slot current limit; above it for <see cref="OvercurrentDwell"/> the slot trips.</summary>
    public double OvercurrentA { get; set; } = 2.5;

    public TimeSpan OvercurrentDwell { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Below this bus voltage the lowest-priority slot is shed, one per <see cref="ShedInterval"/>.</summary>
    public double UndervoltageV { get; set; } = 4.75;

    /// <summary>Below this every slot is cut at once.</summary>
    public double CriticalUndervoltageV { get; set; } = 4.5;

    public TimeSpan UndervoltageDwell { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan ShedInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chassis temperature (hottest probe) that raises a warning.</summary>
    public double WarnTemperatureC { get; set; } = 55;

    /// <summary>Above this slots are shed by priority; they come back below it minus the hysteresis.</summary>
    public double ShedTemperatureC { get; set; } = 65;

    /// <summary>Above this every slot is cut and latched.</summary>
    public double CriticalTemperatureC { get; set; } = 75;

    public double TemperatureHysteresisC { get; set; } = 5;

    /// <summary>Heat follows power slowly: after a slot is shed for heat, wait this long before shedding another.</summary>
    public TimeSpan TemperatureShedInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive failed reads before a slot's sensor is declared failed.</summary>
    public int SensorFailureReads { get; set; } = 10;

    /// <summary>Whether a slot keeps power when its sensor fails (it is then unprotected).</summary>
    public bool SensorFailureKeepsPower { get; set; } = true;

    /// <summary>Current through an open relay above this means the relay is stuck.</summary>
    public double StuckRelayA { get; set; } = 0.2;

    /// <summary>A powered slot drawing less than this has no board in it.</summary>
    public double EmptySlotA { get; set; } = 0.05;

    /// <summary>How long a reading must persist before stuck relay or empty slot is declared.</summary>
    public TimeSpan RelayCheckDwell { get; set; } = TimeSpan.FromSeconds(3);
}
