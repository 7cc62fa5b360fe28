using System.Globalization;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>The stock Mosquitto clients, as a scheduler script would run them.</summary>
internal static class MosquittoClients
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly string[] RetainFlag = ["-r"];

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string[] Broker(int port, IEnumerable<string>? extra) =>
        ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. extra ?? []];

    /// <summary><c>mosquitto_rr</c>: an MQTT 5 request with a response topic under <paramref name="client"/>'s level; the response payload.</summary>
    public static async Task<string> RequestAsync(int port, string topic, string payload, int waitS = 10, IEnumerable<string>? extra = null, string client = "test")
    {
        var responseTopic = $"pichassis/clients/{client}/{Guid.NewGuid():N}";
        var result = await ProcessRunner.RunAsync("mosquitto_rr",
            [.. Broker(port, extra), "-q", "1", "-t", topic, "-e", responseTopic, "-m", payload, "-W", waitS.ToString(CultureInfo.InvariantCulture)], Max(Limit, TimeSpan.FromSeconds(waitS + 5)));
        return result.ExitCode == 0
            ? result.Output.Trim()
            : throw new InvalidOperationException($"mosquitto_rr on {topic} ended with {result.ExitCode}: {result.Error} {result.Output}");
    }

    /// <summary>An MQTT 3.1.1 request: subscribe to <paramref name="responseTopic"/>, publish, read one response.</summary>
    public static async Task<string?> RequestV311Async(int port, string topic, string payload, string responseTopic, int waitS = 10)
    {
        // Line-buffered, so the SUBACK shows before the response arrives.
        var (process, output) = ProcessRunner.Start("stdbuf",
            ["-oL", "mosquitto_sub", .. Broker(port, null), "-V", "311", "-d", "-q", "1", "-t", responseTopic, "-C", "1", "-W", waitS.ToString(CultureInfo.InvariantCulture)]);
        using (process)
        {
            for (var i = 0; i < 250 && !output().Contains("SUBACK", StringComparison.Ordinal); i++)
            {
                await Task.Delay(20);
            }

            await PublishAsync(port, topic, payload, version: "311");
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(waitS + 5));
            await process.WaitForExitAsync(limit.Token);
            return output().Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        }
    }

    public static Task<ProcessRunner.Result> PublishAsync(int port, string topic, string payload, string version = "5", bool retain = false, IEnumerable<string>? extra = null) =>
        ProcessRunner.RunAsync("mosquitto_pub",
            [.. Broker(port, extra), "-V", version, "-q", "1", "-t", topic, "-m", payload, .. retain ? RetainFlag : []], Limit);

    /// <summary>Publishes raw bytes (any size, any encoding) from a file with <c>mosquitto_pub -f</c>.</summary>
    public static async Task<ProcessRunner.Result> PublishBytesAsync(int port, string topic, byte[] payload, string version = "5", bool retain = false)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, payload);
            return await ProcessRunner.RunAsync("mosquitto_pub",
                [.. Broker(port, null), "-V", version, "-q", "1", "-t", topic, "-f", file, .. retain ? RetainFlag : []], Limit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Publishes each line of <paramref name="lines"/> as one message (<c>mosquitto_pub -l</c>), as fast as the broker takes them.</summary>
    public static Task<ProcessRunner.Result> PublishLinesAsync(int port, string topic, IEnumerable<string> lines) =>
        ProcessRunner.RunAsync("mosquitto_pub", [.. Broker(port, null), "-q", "0", "-t", topic, "-l"], Limit, string.Join('\n', lines) + "\n");

    /// <summary><c>mosquitto_sub -v</c> until <paramref name="count"/> messages or <paramref name="waitS"/> seconds; "topic payload" lines.</summary>
    public static Task<ProcessRunner.Result> SubscribeAsync(int port, IEnumerable<string> topics, int count, int waitS = 10, string version = "5", IEnumerable<string>? extra = null) =>
        ProcessRunner.RunAsync("mosquitto_sub",
            [.. Broker(port, extra), "-V", version, "-v", "-C", count.ToString(CultureInfo.InvariantCulture), "-W", waitS.ToString(CultureInfo.InvariantCulture),
             .. topics.SelectMany(t => new[] { "-t", t })], Limit);
}
