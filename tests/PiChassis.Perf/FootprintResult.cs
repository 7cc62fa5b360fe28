using System.Globalization;
using PiChassis.Perf.Fleet;

namespace PiChassis.Perf;

/// <summary>A published build at start and at steady state, with the goals.</summary>
public sealed record FootprintResult(
    string Label,
    long ExecutableBytes,
    long DirectoryBytes,
    TimeSpan FirstTelemetryMedian,
    TimeSpan FirstTelemetryMax,
    double CpuPercentOfOneCore,
    long RssBytes,
    long PeakRssBytes,
    int Slots,
    TimeSpan Window,
    PublishedCount Published,
    double BrokerCpuPercentOfOneCore)
{
    public const double CpuGoalPercent = 2;
    public const double RssGoalMb = 50;
    public static readonly TimeSpan FirstTelemetryGoal = TimeSpan.FromSeconds(2);

    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
        static string Verdict(bool pass) => pass ? "PASS" : "FAIL";
        return string.Join(Environment.NewLine,
            $"Published build '{Label}' (on Mosquitto, as on a Pi; console view off; load {Footprint.LoadAverage()}):",
            string.Create(inv, $"  on disk: executable {Mb(ExecutableBytes):F1} MB, whole directory {Mb(DirectoryBytes):F1} MB"),
            string.Create(inv, $"  start to first chassis telemetry at a subscriber: {FirstTelemetryMedian.TotalMilliseconds:F0} ms median, {FirstTelemetryMax.TotalMilliseconds:F0} ms worst (goal <= {FirstTelemetryGoal.TotalSeconds:F0} s: {Verdict(FirstTelemetryMax <= FirstTelemetryGoal)})"),
            string.Create(inv, $"  steady state, {Slots} simulated slots at 10 Hz, telemetry every 5 s, over {Window.TotalSeconds:F0} s: the subscriber got {Published.Messages} messages ({Published.ChassisTelemetry} chassis telemetry)"),
            string.Create(inv, $"    CPU {CpuPercentOfOneCore:F2} % of one core (goal <= {CpuGoalPercent:F0} %: {Verdict(CpuPercentOfOneCore <= CpuGoalPercent)}); Mosquitto {BrokerCpuPercentOfOneCore:F2} %"),
            string.Create(inv, $"    RSS {Mb(RssBytes):F1} MB, peak {Mb(PeakRssBytes):F1} MB (goal <= {RssGoalMb:F0} MB: {Verdict(Mb(PeakRssBytes) <= RssGoalMb)})"));
    }
}
