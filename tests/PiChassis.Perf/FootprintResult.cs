using System.Globalization;

namespace PiChassis.Perf;

/// <summary>A published build at steady state and at start.</summary>
public sealed record FootprintResult(
    string Label,
    long ExecutableBytes,
    long DirectoryBytes,
    TimeSpan FirstStatusMedian,
    TimeSpan FirstStatusMax,
    double CpuPercentOfOneCore,
    long RssBytes,
    long PeakRssBytes,
    int Slots,
    TimeSpan Window)
{
    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
        return string.Join(Environment.NewLine,
            $"Published build '{Label}':",
            string.Create(inv, $"  on disk: executable {Mb(ExecutableBytes):F1} MB, whole directory {Mb(DirectoryBytes):F1} MB"),
            string.Create(inv, $"  start to first status output: {FirstStatusMedian.TotalMilliseconds:F0} ms median, {FirstStatusMax.TotalMilliseconds:F0} ms worst"),
            string.Create(inv, $"  steady state, {Slots} simulated slots at 10 Hz, over {Window.TotalSeconds:F0} s: CPU {CpuPercentOfOneCore:F2} % of one core, RSS {Mb(RssBytes):F1} MB (peak {Mb(PeakRssBytes):F1} MB)"));
    }
}
