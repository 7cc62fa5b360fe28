using System.Text;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// Runs the published (Native AOT) controller and a JIT build one after the other on a Mosquitto,
/// each with a subscriber on its topics and Home Assistant's, asks each a <c>request/status</c> over
/// MQTT 5, and compares every payload's fields and kinds: source-generated JSON that trimming broke
/// would show up as a missing or differently typed field.
/// </summary>
public static class AotParity
{
    private const string ChassisId = "parity";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<string> CompareAsync(string published, string jit, PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var aot = await ShapesAsync(published, options);
        var reference = await ShapesAsync(jit, options);
        var report = new StringBuilder($"Published build vs JIT build ({Path.GetFileName(jit)}), payload fields on {reference.Count} topics and the status response (load {Footprint.LoadAverage()}):");
        var differences = 0;
        foreach (var topic in aot.Keys.Union(reference.Keys).Order(StringComparer.Ordinal))
        {
            var only = (aot.GetValueOrDefault(topic) ?? []).Except(reference.GetValueOrDefault(topic) ?? []).Select(p => $"published only: {p}")
                .Concat((reference.GetValueOrDefault(topic) ?? []).Except(aot.GetValueOrDefault(topic) ?? []).Select(p => $"JIT only: {p}"))
                .ToList();
            foreach (var line in only)
            {
                report.AppendLine().Append($"  {topic}: {line}");
                differences++;
            }
        }

        var response = aot.GetValueOrDefault("response/status") ?? [];
        report.AppendLine().Append(differences == 0
            ? $"  identical on {string.Join(", ", aot.Keys.Order(StringComparer.Ordinal))}; the status response has {string.Join(", ", response.Where(p => p.StartsWith("$.results[].", StringComparison.Ordinal)).Select(p => p.Split('.')[2].Split(':')[0]).Distinct())} per result"
            : $"  {differences} differences");
        return report.ToString();
    }

    /// <summary>Field sets per topic (relative to the chassis base, slot topics of slot 1 only) plus <c>response/status</c>.</summary>
    private static async Task<Dictionary<string, SortedSet<string>>> ShapesAsync(string executable, PerfOptions options)
    {
        var topics = new Topics(ChassisId);
        await using var broker = await Mosquitto.StartAsync();
        await using var watch = await MqttWatch.ConnectAsync(broker.Port, $"{topics.Base}/#", "homeassistant/#");
        var dataDir = Directory.CreateTempSubdirectory("pichassis-perf-parity-").FullName;
        try
        {
            await using var controller = Footprint.Start(executable, options, dataDir, broker.Port, ChassisId);
            var slots = Enumerable.Range(1, options.Slots).ToList();
            bool Ready() => watch.Latest(topics.Status) == Availability.Online && watch.Latest(topics.Telemetry) is not null
                && slots.All(s => watch.Latest(topics.SlotTelemetry(s)) is not null);
            if (!await MqttWatch.UntilAsync(Ready, Patience))
            {
                throw new InvalidOperationException($"{executable} did not publish its state within {Patience.TotalSeconds} s:{Environment.NewLine}{controller.Tail()}");
            }

            var reply = await watch.RequestAsync(topics.Request("status"), "parity-status", """{"id":"parity-status","targets":"all"}""", TimeSpan.FromSeconds(10))
                ?? throw new InvalidOperationException($"{executable} did not answer request/status");
            await controller.StopAsync();
            var shapes = watch.SeenTopics
                .Where(t => !t.Contains("/slot/", StringComparison.Ordinal) || t.Contains("/slot/1/", StringComparison.Ordinal))
                .Where(t => !t.StartsWith("homeassistant/", StringComparison.Ordinal) || t.Contains("_s1/", StringComparison.Ordinal) || t.EndsWith($"pichassis_{ChassisId}/config", StringComparison.Ordinal))
                .Where(t => t != topics.Status && !t.EndsWith("/event", StringComparison.Ordinal) && !t.Contains("/request/", StringComparison.Ordinal))
                .ToDictionary(t => t.Replace(topics.Base + "/", "", StringComparison.Ordinal), t => JsonShape.Of(watch.Latest(t)!), StringComparer.Ordinal);
            shapes["response/status"] = JsonShape.Of(reply);
            return shapes;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
