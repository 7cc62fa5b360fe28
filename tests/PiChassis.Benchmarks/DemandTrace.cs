using System.Globalization;

namespace PiChassis.Benchmarks;

/// <summary>
/// Demand, one value per minute: how many compute nodes the workload needs busy during that minute.
/// File format: comment lines starting with <c>#</c>, a header <c>minute,nodes</c>, then
/// <c>minute,nodes</c> rows; a minute not listed needs no node. A trace is one day (minutes 0–1439)
/// or several: minute 1440 starts its second day, and it runs to the end of the last day it lists.
/// A comment <c># starts on: Monday</c> says which weekday its first day is.
/// </summary>
public sealed class DemandTrace
{
    public const int MinutesPerDay = 1440;

    /// <summary>The comment, after its <c>#</c>, that names the weekday of the first day.</summary>
    public const string StartsOnComment = "starts on:";

    /// <summary>The longest trace read: a year, so a mistyped minute cannot ask for gigabytes.</summary>
    public const int MaxDays = 366;

    public DemandTrace(string name, IReadOnlyList<int> nodes, DayOfWeek? startsOn = null)
    {
        if (nodes.Count == 0 || nodes.Count % MinutesPerDay != 0)
        {
            throw new ArgumentException($"A trace is whole days of {MinutesPerDay} minutes; got {nodes.Count}.", nameof(nodes));
        }

        Name = name;
        Nodes = nodes;
        StartsOn = startsOn;
    }

    public string Name { get; }

    /// <summary>Nodes needed in each minute from the start of the trace.</summary>
    public IReadOnlyList<int> Nodes { get; }

    /// <summary>The weekday of the first day, when the trace says it.</summary>
    public DayOfWeek? StartsOn { get; }

    public int Days => Nodes.Count / MinutesPerDay;

    public int NodeMinutes => Nodes.Sum();

    public int Peak => Nodes.Max();

    /// <summary>The weekday of day <paramref name="day"/> (0 is the first), when the trace says where it starts.</summary>
    public DayOfWeek? WeekdayOf(int day) => StartsOn is { } first ? (DayOfWeek)(((int)first + day) % 7) : null;

    /// <summary>Node-minutes needed on day <paramref name="day"/> (0 is the first).</summary>
    public int NodeMinutesOn(int day) => Nodes.Skip(day * MinutesPerDay).Take(MinutesPerDay).Sum();

    public static DemandTrace Load(string path)
    {
        var nodes = new List<int>(MinutesPerDay);
        DayOfWeek? startsOn = null;
        var lineNumber = 0;
        var sawHeader = false;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                var comment = line.TrimStart('#').Trim();
                if (comment.StartsWith(StartsOnComment, StringComparison.OrdinalIgnoreCase))
                {
                    var day = comment[StartsOnComment.Length..].Trim();
                    startsOn = Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var weekday) && !int.TryParse(day, out _)
                        ? weekday
                        : throw new FormatException($"{path}:{lineNumber}: '{StartsOnComment}' needs a weekday (Monday..Sunday), found '{day}'.");
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (!sawHeader)
            {
                if (!string.Equals(line.Replace(" ", "", StringComparison.Ordinal), "minute,nodes", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException($"{path}:{lineNumber}: expected the header 'minute,nodes', found '{line}'.");
                }

                sawHeader = true;
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 2
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minute)
                || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var needed)
                || minute is < 0 or >= MaxDays * MinutesPerDay
                || needed < 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'minute,nodes' with minute 0-{(MaxDays * MinutesPerDay) - 1} and nodes ≥ 0, found '{line}'.");
            }

            if (minute >= nodes.Count)
            {
                // Whole days: a listed minute brings in the rest of its day, unlisted minutes need nothing.
                nodes.AddRange(new int[((minute / MinutesPerDay) + 1) * MinutesPerDay - nodes.Count]);
            }

            nodes[minute] = needed;
        }

        if (!sawHeader)
        {
            throw new FormatException($"{path}: no 'minute,nodes' header.");
        }

        if (nodes.Count == 0)
        {
            nodes.AddRange(new int[MinutesPerDay]);
        }

        return new DemandTrace(Path.GetFileName(path), nodes, startsOn);
    }
}
