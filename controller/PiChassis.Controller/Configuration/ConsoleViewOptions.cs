namespace PiChassis.Controller.Configuration;

/// <summary>The status table printed on the console. Section <c>ConsoleView</c>.</summary>
public sealed class ConsoleViewOptions
{
    public const string Section = "ConsoleView";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(3);
}
