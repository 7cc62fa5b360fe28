using System.Globalization;
using System.Text;

namespace PiChassis.Perf.Latency;

/// <summary>Command latency on each broker, with the plain round trip it is compared with.</summary>
public sealed record CommandLatencyResult(int Commands, int Slots, IReadOnlyList<CommandLatencyRow> Rows, IReadOnlyDictionary<string, string> Settings, string Load)
{
    public const double Goal = 2.0;

    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command latency: request/power {{\"targets\":\"slot:N\",\"state\":\"on\"|\"force_off\",\"wait\":\"relay\"}}, alternating on {Slots} slots so every command switches a relay, one at a time, {Commands} commands;");
        text.AppendLine("the plain MQTT round trip interleaved with them on the same broker: an echo client answers at once (QoS 1, MQTT 5 response topic + correlation data, as the requests);");
        text.AppendLine("and the same switching as a Redfish ComputerSystem.Reset (On | ForceOff), next to a GET of that system on the same keep-alive connection:");
        foreach (var row in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {row.Broker}:");
            if (row.Missing is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    skipped: {row.Missing}");
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"    command -> relay write    {row.ToRelay!.Format()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    command -> response      {row.ToResponse!.Format()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {row.PlainName,-24} {row.Plain!.Format()}");
            var ratio = row.PlainName == CommandLatencyRow.PlainMqtt
                ? string.Create(CultureInfo.InvariantCulture, $"    command p99 / plain p99 = {row.Ratio:F2} (goal <= {Goal:F0}): {(row.Ratio <= Goal ? "PASS" : "FAIL")}")
                : string.Create(CultureInfo.InvariantCulture, $"    command p99 / {row.PlainName} p99 = {row.Ratio:F2}");
            text.AppendLine(ratio);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  changed settings: {string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"))}");
        text.AppendLine("    (stagger, minimum off time and the wear guard would hold a power-on back by design for seconds, and the flood guard");
        text.AppendLine("    refuses more than 20 requests/s; the simulator writes its state file on every relay change, which real relays do not need:");
        text.Append(CultureInfo.InvariantCulture, $"    with them out of the way what is left is the controller's own path; load average {Load})");
        return text.ToString();
    }
}
