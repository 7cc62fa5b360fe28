using System.Globalization;
using Xunit.Abstractions;
using System.Text;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// The suite's table of figures, shared by its test classes (which xUnit may run in parallel):
/// each row is written to the test output and the whole table rewritten to
/// <c>TestResults/reliability-summary.txt</c> at the repository root, which <c>tests/run.sh</c> prints.
/// </summary>
internal static class ReliabilitySummary
{
    public const string FileName = "reliability-summary.txt";

    private static readonly Lock Gate = new();
    private static readonly List<(string Area, string Figure, string Value)> Rows = [];

    public static string FilePath { get; } = Path.Combine(RepositoryRoot(), "TestResults", FileName);

    public static void Add(ITestOutputHelper output, string area, string figure, IFormattable value, string format = "N0")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        output.WriteLine($"{area,-14} {figure,-44} {text,14}");
        lock (Gate)
        {
            Rows.Add((area, figure, text));
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.WriteAllText(FilePath, Table());
        }
    }

    private static string Table()
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Reliability suite ({ReliabilitySettings.Form} form; {ReliabilitySettings.Variable}=long for the long form)")
            .AppendLine(CultureInfo.InvariantCulture, $"{"area",-14} {"figure",-44} {"value",14}")
            .AppendLine(new string('-', 74));
        foreach (var (area, figure, value) in Rows.OrderBy(r => r.Area, StringComparer.Ordinal))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{area,-14} {figure,-44} {value,14}");
        }

        return table.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiChassis.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
