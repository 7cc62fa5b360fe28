namespace PiChassis.Controller.Engine;

/// <summary>The contract's event types.</summary>
public static class EventTypes
{
    public const string ControllerStarted = "controller_started";
    public const string PowerOn = "power_on";
    public const string PowerOff = "power_off";
    public const string PhaseChanged = "phase_changed";
    public const string FaultTrip = "fault_trip";
    public const string FaultCleared = "fault_cleared";
    public const string LoadShed = "load_shed";

    /// <summary>Protection let a slot it had shed for heat come back (powered again only if it was meant to be on).</summary>
    public const string ShedReleased = "shed_released";
    public const string WatchdogAction = "watchdog_action";
    public const string ButtonPress = "button_press";
    public const string CommandRejected = "command_rejected";
    public const string PolicyChanged = "policy_changed";
    public const string CapacityChanged = "capacity_changed";

    /// <summary>The energy policy acted on its learned forecast: pre-warmed nodes or kept them through a predicted gap.</summary>
    public const string CapacityForecast = "capacity_forecast";

    /// <summary>Scheduled capacity was added, started acting, ended or was cancelled.</summary>
    public const string CapacityScheduled = "capacity_scheduled";
    public const string StoreHealth = "store_health";

    /// <summary>Plug &amp; play heard two claims for one slot, or a name another slot still holds: nothing changed.</summary>
    public const string IdentityConflict = "identity_conflict";

    /// <summary>An operator confirmed the name learnt for a slot: the slot answers to it from now on.</summary>
    public const string IdentityConfirmed = "identity_confirmed";

    /// <summary>An operator rejected a learnt name: the slot has its configured (or default) name again.</summary>
    public const string IdentityRejected = "identity_rejected";
}
