using System.Globalization;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>The controller as a process on a real Mosquitto: killed, its Last Will says <c>offline</c>.</summary>
public sealed class ControllerKillTests
{
    [Fact]
    public async Task Killed_StatusGoesOfflineThroughTheWill()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("pichassis-kill-").FullName;
        await using var observer = await TestMqttClient.ConnectAsync(broker.Port, null, "pichassis/sim/status");
        var (process, output) = ProcessRunner.Start("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "pichassis-controller.dll"), "--simulate", "--slots", "2", "--data-dir", dataDir,
            "--mqtt-host", "127.0.0.1", "--mqtt-port", broker.Port.ToString(CultureInfo.InvariantCulture), "--ConsoleView:Enabled=false",
            "--Redfish:Port=0",
        ]);
        try
        {
            var online = await observer.WaitForAsync("pichassis/sim/status", p => p == "online", TimeSpan.FromSeconds(60));
            Assert.True(online is not null, output());

            process.Kill();
            await process.WaitForExitAsync();
            var offline = await observer.WaitForAsync("pichassis/sim/status", p => p == "offline", TimeSpan.FromSeconds(30));

            Assert.NotNull(offline);
            var retained = await MosquittoClients.SubscribeAsync(broker.Port, ["pichassis/sim/status"], 1);
            Assert.Equal(["pichassis/sim/status offline"], retained.Lines);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
