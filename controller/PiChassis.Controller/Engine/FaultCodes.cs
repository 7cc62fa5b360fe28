namespace PiChassis.Controller.Engine;

/// <summary>The contract's latched fault codes.</summary>
public static class FaultCodes
{
    public const string Overcurrent = "overcurrent";
    public const string Undervoltage = "undervoltage";
    public const string Overtemperature = "overtemperature";
    public const string SensorFailure = "sensor_failure";
    public const string StuckRelay = "stuck_relay";
    public const string EmptySlot = "empty_slot";
    public const string WatchdogExhausted = "watchdog_exhausted";
}
