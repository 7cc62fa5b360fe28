namespace PiChassis.Controller.Engine;

/// <summary>The operations of a slot (the <c>slot/&lt;n&gt;/set</c> shortcuts and request verbs of docs/mqtt-api.md).</summary>
public enum SlotAction
{
    On,
    Off,
    ForceOff,
    Cycle,
    Restart,
    ClearFault,
    Identify,

    /// <summary>Stops an identify blink before its 30 s are up (Redfish's <c>LocationIndicatorActive: false</c>).</summary>
    IdentifyOff,
    Lock,
    Unlock,
    SetPolicy,
}
