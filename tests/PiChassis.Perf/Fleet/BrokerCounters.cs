using System.Diagnostics;
using System.Globalization;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// Mosquitto's lifetime message counters from <c>$SYS</c> (published every second with
/// <c>sys_interval 1</c>), read fresh: the value that arrives next, with its arrival time.
/// </summary>
public static class BrokerCounters
{
    public const string Received = "$SYS/broker/messages/received";
    public const string Sent = "$SYS/broker/messages/sent";

    public static readonly string[] Filters = [Received, Sent];

    /// <summary>Waits for the next update of both counters and returns them with the later arrival time.</summary>
    public static async Task<(long Received, long Sent, long At)> NextAsync(MqttWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var before = (watch.LatestWithTime(Received)?.At ?? 0, watch.LatestWithTime(Sent)?.At ?? 0);
        if (!await MqttWatch.UntilAsync(() => watch.LatestWithTime(Received)?.At > before.Item1 && watch.LatestWithTime(Sent)?.At > before.Item2, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("Mosquitto published no $SYS counters for 10 s");
        }

        var received = watch.LatestWithTime(Received)!.Value;
        var sent = watch.LatestWithTime(Sent)!.Value;
        return (long.Parse(received.Payload, CultureInfo.InvariantCulture), long.Parse(sent.Payload, CultureInfo.InvariantCulture), Math.Max(received.At, sent.At));
    }

    /// <summary>Messages per second between two readings.</summary>
    public static (double Received, double Sent) Rates((long Received, long Sent, long At) from, (long Received, long Sent, long At) to)
    {
        var seconds = Stopwatch.GetElapsedTime(from.At, to.At).TotalSeconds;
        return ((to.Received - from.Received) / seconds, (to.Sent - from.Sent) / seconds);
    }
}
