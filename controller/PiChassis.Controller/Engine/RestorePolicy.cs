namespace PiChassis.Controller.Engine;

/// <summary>What a slot does when the controller starts on a chassis whose power came back (every slot found unpowered).</summary>
public enum RestorePolicy
{
    /// <summary>As it was: powered again if it was meant to be on when the power went.</summary>
    Last,
    On,
    Off,
}
