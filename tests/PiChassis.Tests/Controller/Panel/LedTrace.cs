using PiChassis.Controller.Panel;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Controller.Panel;

/// <summary>Reads an LED's pattern back from a simulated chip's journal of pin levels.</summary>
internal static class LedTrace
{
    private static readonly LedPattern[] Blinking =
        [LedPatterns.SlowBlink, LedPatterns.FastBlink, LedPatterns.DoubleBlink, LedPatterns.Strobe, LedPatterns.TripleFlash];

    /// <summary>The complete segments (level and how long it held) of one pin's changes since <paramref name="from"/>.</summary>
    public static List<(bool Lit, TimeSpan Held)> Segments(IReadOnlyList<PinLevelChange> journal, int pin, DateTimeOffset from)
    {
        var changes = journal.Where(c => c.Pin == pin && c.At >= from).ToList();
        return [.. changes.Zip(changes.Skip(1), (a, b) => (a.Level == true, b.At - a.At))];
    }

    /// <summary>
    /// The repeating pattern the pin played since <paramref name="from"/>, or the steady pattern of
    /// <paramref name="litNow"/> when it did not change; null when the rhythm matches no pattern.
    /// </summary>
    public static LedPattern? Recognise(IReadOnlyList<PinLevelChange> journal, int pin, DateTimeOffset from, bool litNow)
    {
        var segments = Segments(journal, pin, from);
        if (segments.Count == 0)
        {
            return litNow ? LedPatterns.On : LedPatterns.Off;
        }

        return Blinking.FirstOrDefault(p => Matches(p, segments));
    }

    /// <summary>True when the segments are whole cycles of the pattern, entered at any point of the cycle.</summary>
    public static bool Matches(LedPattern pattern, IReadOnlyList<(bool Lit, TimeSpan Held)> segments)
    {
        var n = pattern.Segments.Length;
        if (segments.Count < n)
        {
            return false;
        }

        return Enumerable.Range(0, n).Any(offset => segments.Select((s, k) => (s, k)).All(x =>
            x.s.Held == pattern.Segments[(offset + x.k) % n] && x.s.Lit == ((offset + x.k) % n % 2 == 0)));
    }
}
