namespace PiChassis.Tests.Controller.Panel;

/// <summary>The panel on a simulated chassis: gestures (this file's partners), LEDs and the master button.</summary>
public partial class PanelServiceTests
{
}
