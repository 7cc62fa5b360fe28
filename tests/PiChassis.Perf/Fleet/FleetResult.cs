using System.Globalization;

namespace PiChassis.Perf.Fleet;

/// <summary>The fleet at steady state and the CLI's answer time across it.</summary>
public sealed record FleetResult(
    int Controllers,
    int Slots,
    TimeSpan AllOnline,
    TimeSpan Window,
    double BrokerReceivedPerSecond,
    double BrokerSentPerSecond,
    double FleetCpuPercentOfOneCore,
    long FleetRssBytes,
    long LargestRssBytes,
    double BrokerCpuPercentOfOneCore,
    long BrokerRssBytes,
    TimeSpan StatusAllMedian,
    TimeSpan StatusAllFastest,
    TimeSpan StatusAllSlowest,
    string CliCheck)
{
    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
        return string.Join(Environment.NewLine,
            string.Create(inv, $"Fleet: {Controllers} published controllers x {Slots} simulated slots on one Mosquitto (load {Footprint.LoadAverage()}):"),
            string.Create(inv, $"  all {Controllers} online {AllOnline.TotalSeconds:F1} s after the first was started"),
            string.Create(inv, $"  broker over {Window.TotalSeconds:F0} s ($SYS counters): {BrokerReceivedPerSecond:F0} messages/s received, {BrokerSentPerSecond:F0} messages/s sent; Mosquitto CPU {BrokerCpuPercentOfOneCore:F2} % of one core, RSS {Mb(BrokerRssBytes):F1} MB"),
            string.Create(inv, $"  fleet: CPU {FleetCpuPercentOfOneCore:F1} % of one core in total ({FleetCpuPercentOfOneCore / Controllers:F2} % each), RSS {Mb(FleetRssBytes):F0} MB in total (largest {Mb(LargestRssBytes):F1} MB)"),
            string.Create(inv, $"  pichassis status all: {StatusAllMedian.TotalMilliseconds:F0} ms median ({StatusAllFastest.TotalMilliseconds:F0}-{StatusAllSlowest.TotalMilliseconds:F0} ms), CLI start included"),
            $"  {CliCheck}");
    }
}
