namespace PiChassis.Controller.Engine;

/// <summary>
/// Where a command comes from, highest authority first: protection &gt; maintenance lock &gt;
/// physical button &gt; remote commands &gt; energy policy.
/// </summary>
public enum CommandOrigin
{
    Protection,
    Button,
    Remote,
    Watchdog,
    Policy,
    Controller,
}
