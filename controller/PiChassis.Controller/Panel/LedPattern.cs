using System.Collections.Immutable;

namespace PiChassis.Controller.Panel;

/// <summary>
/// How an LED shows something: steady, or segments of alternating level starting lit, repeated or
/// played once. <see cref="Precedence"/> orders patterns that compete for one LED (lower wins).
/// </summary>
/// <param name="Name">What an operator calls it (<c>slow blink</c>), also shown on the console.</param>
/// <param name="Glyph">How the console draws it.</param>
/// <param name="SteadyLit">The level of a pattern without segments.</param>
/// <param name="Segments">Durations of alternating levels, the first one lit; empty: steady.</param>
/// <param name="Repeats">False for a one-shot pattern (refusal, lamp test) that ends after its segments.</param>
public sealed record LedPattern(string Name, string Glyph, int Precedence, bool SteadyLit, ImmutableArray<TimeSpan> Segments, bool Repeats)
{
    /// <summary>One cycle of the pattern (of a one-shot pattern: all of it); zero when steady.</summary>
    public TimeSpan Period { get; } = Segments.Aggregate(TimeSpan.Zero, (sum, s) => sum + s);

    public bool IsSteady => Segments.IsEmpty;

    public static LedPattern Steady(string name, string glyph, int precedence, bool lit) =>
        new(name, glyph, precedence, lit, [], Repeats: true);

    /// <summary>Repeating segments (milliseconds), starting lit.</summary>
    public static LedPattern Blink(string name, string glyph, int precedence, params int[] segmentsMs) =>
        new(name, glyph, precedence, false, [.. segmentsMs.Select(ms => TimeSpan.FromMilliseconds(ms))], Repeats: true);

    /// <summary>Segments (milliseconds) played once, starting lit.</summary>
    public static LedPattern Once(string name, string glyph, int precedence, params int[] segmentsMs) =>
        new(name, glyph, precedence, false, [.. segmentsMs.Select(ms => TimeSpan.FromMilliseconds(ms))], Repeats: false);

    /// <summary>True when a one-shot pattern has played out at <paramref name="elapsed"/>.</summary>
    public bool HasEnded(TimeSpan elapsed) => !Repeats && elapsed >= Period;

    /// <summary>The level at <paramref name="elapsed"/> since the pattern started, and how long it holds (null: for ever).</summary>
    public (bool Lit, TimeSpan? Holds) LevelAt(TimeSpan elapsed)
    {
        if (IsSteady)
        {
            return (SteadyLit, null);
        }

        if (HasEnded(elapsed))
        {
            return (false, null);
        }

        var t = Repeats ? TimeSpan.FromTicks(elapsed.Ticks % Period.Ticks) : elapsed;
        var end = TimeSpan.Zero;
        for (var i = 0; i < Segments.Length; i++)
        {
            end += Segments[i];
            if (t < end)
            {
                return (i % 2 == 0, end - t);
            }
        }

        return (false, null);
    }
}
