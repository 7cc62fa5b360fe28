namespace PiChassis.Controller.Mqtt;

/// <summary>When a switching request is answered: at once, once the relay switched, or once the node is up (or off).</summary>
public enum WaitMode
{
    None,
    Relay,
    Ready,
}
