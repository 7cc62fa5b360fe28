namespace PiChassis.Controller.Panel;

/// <summary>What a button press meant.</summary>
public enum PressGesture
{
    ShortPress,
    DoublePress,
    LongPress,

    /// <summary>The master button's longest hold (clears faults); reported as <c>long</c> in events.</summary>
    VeryLongPress,
}
