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
    Lock,
    Unlock,
    SetPolicy,
}
