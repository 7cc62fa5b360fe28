using PiChassis.Controller.Panel;

namespace PiChassis.Controller.ConsoleView;

/// <summary>
/// The simulator's console keys for the panel buttons (slots 1-9 and the master), on a QWERTY
/// layout: the digit row taps a slot, the row below holds it (long), the row below that double-taps it.
/// </summary>
public static class ConsoleKeyMap
{
    public const string Help =
        "Keys: 1-9 short press slot n | q w e r t y u i o long press slot 1-9 | a s d f g h j k l double press slot 1-9 | " +
        "m master short (all on) | M master long (all off) | c master very long (clear faults)";

    private const string LongRow = "qwertyuio";
    private const string DoubleRow = "asdfghjkl";

    /// <summary>The button a key presses (slot number, or null for the master) and how; null when the key means nothing.</summary>
    public static (int? Slot, PressGesture Gesture)? Map(char key) => key switch
    {
        >= '1' and <= '9' => (key - '0', PressGesture.ShortPress),
        'm' => (null, PressGesture.ShortPress),
        'M' => (null, PressGesture.LongPress),
        'c' => (null, PressGesture.VeryLongPress),
        _ when LongRow.Contains(key, StringComparison.Ordinal) => (LongRow.IndexOf(key, StringComparison.Ordinal) + 1, PressGesture.LongPress),
        _ when DoubleRow.Contains(key, StringComparison.Ordinal) => (DoubleRow.IndexOf(key, StringComparison.Ordinal) + 1, PressGesture.DoublePress),
        _ => null,
    };
}
