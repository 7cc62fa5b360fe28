using System.Globalization;
using System.Text;

namespace PiChassis.Benchmarks;

/// <summary>Writes demand in the format <see cref="DemandTrace.Load"/> reads, capped at the chassis.</summary>
internal static class DemandTraceWriter
{
    /// <param name="comments">The lines that say what the trace is and how it was made, without the <c>#</c>.</param>
    /// <param name="nodes">Whole days of minutes.</param>
    /// <param name="startsOn">The weekday of the first day, for a trace that has one.</param>
    public static string Write(IEnumerable<string> comments, IReadOnlyList<int> nodes, int slots, DayOfWeek? startsOn = null)
    {
        var text = new StringBuilder();
        foreach (var comment in comments)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"# {comment}");
        }

        if (startsOn is { } weekday)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"# {DemandTrace.StartsOnComment} {weekday}");
        }

        // A one-day trace keeps the wording the existing traces were written with.
        text.AppendLine(nodes.Count > DemandTrace.MinutesPerDay
            ? "# minute: minutes from the trace's start (day n is minutes 1440n to 1440n+1439); nodes: compute nodes the workload needs busy during that minute"
            : "# minute: minute of the day (0-1439); nodes: compute nodes the workload needs busy during that minute");
        text.AppendLine("minute,nodes");
        for (var minute = 0; minute < nodes.Count; minute++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{minute},{Math.Min(nodes[minute], slots)}");
        }

        return text.ToString();
    }
}
