using System.Globalization;
using System.Text;

namespace PiChassis.Benchmarks;

/// <summary>Writes a day of demand in the format <see cref="DemandTrace.Load"/> reads, capped at the chassis.</summary>
internal static class DemandTraceWriter
{
    /// <param name="comments">The lines that say what the trace is and how it was made, without the <c>#</c>.</param>
    public static string Write(IEnumerable<string> comments, IReadOnlyList<int> nodes, int slots)
    {
        var text = new StringBuilder();
        foreach (var comment in comments)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"# {comment}");
        }

        text.AppendLine("# minute: minute of the day (0-1439); nodes: compute nodes the workload needs busy during that minute");
        text.AppendLine("minute,nodes");
        for (var minute = 0; minute < nodes.Count; minute++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{minute},{Math.Min(nodes[minute], slots)}");
        }

        return text.ToString();
    }
}
