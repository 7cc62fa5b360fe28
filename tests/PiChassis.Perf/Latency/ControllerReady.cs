using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf.Latency;

/// <summary>Waits until the controller answers requests over MQTT (connected and subscribed).</summary>
public static class ControllerReady
{
    public static async Task WaitAsync(int port)
    {
        await using var client = await RequestClient.ConnectAsync(port, "bench-ready");
        var topic = new Topics(BenchController.ChassisId).Request(RequestVerbs.Status);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                await client.RequestAsync(topic, $$"""{"id":"ready-{{Guid.NewGuid():N}}","targets":"all"}""", limit.Token);
                return;
            }
            catch (OperationCanceledException)
            {
            }
        }

        throw new InvalidOperationException("The controller does not answer over MQTT.");
    }
}
