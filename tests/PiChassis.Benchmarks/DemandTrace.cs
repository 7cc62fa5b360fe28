using System.Globalization;

namespace PiChassis.Benchmarks;

/// <summary>
/// A day of demand, one value per minute: how many compute nodes the workload needs busy during
/// that minute. File format: comment lines starting with <c>#</c>, a header <c>minute,nodes</c>,
/// then <c>minute,nodes</c> rows with minutes 0–1439; a minute not listed needs no node.
/// </summary>
public sealed class DemandTrace
{
    public const int MinutesPerDay = 1440;

    private DemandTrace(string name, int[] nodes)
    {
        Name = name;
        Nodes = nodes;
    }

    public string Name { get; }

    /// <summary>Nodes needed in each minute of the day.</summary>
    public IReadOnlyList<int> Nodes { get; }

    public int NodeMinutes => Nodes.Sum();

    public int Peak => Nodes.Max();

    public static DemandTrace Load(string path)
    {
        var nodes = new int[MinutesPerDay];
        var lineNumber = 0;
        var sawHeader = false;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
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
                || minute is < 0 or >= MinutesPerDay
                || needed < 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'minute,nodes' with minute 0-1439 and nodes ≥ 0, found '{line}'.");
            }

            nodes[minute] = needed;
        }

        return sawHeader ? new DemandTrace(Path.GetFileName(path), nodes) : throw new FormatException($"{path}: no 'minute,nodes' header.");
    }
}
