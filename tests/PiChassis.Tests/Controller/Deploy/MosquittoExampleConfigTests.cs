using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Deploy;

/// <summary>The example Mosquitto configuration and ACL of controller/deploy/mosquitto, run for real.</summary>
public sealed class MosquittoExampleConfigTests
{
    private static string Deploy(string file) => ExampleMosquitto.Deploy(file);

    [Fact]
    public async Task Example_EachPartyMayDoOnlyWhatItNeeds()
    {
        var example = await File.ReadAllTextAsync(Deploy("mosquitto.conf"));
        Assert.Contains("set_tcp_nodelay true", example, StringComparison.Ordinal);
        await using var broker = await ExampleMosquitto.StartAsync(
            new Dictionary<string, string> { ["chassis-rack1"] = "c", ["slurm"] = "s", ["node03"] = "n" },
            new Dictionary<string, string[]> { ["rack1"] = ["node03"] });
        string[] chassis = ["-u", "chassis-rack1", "-P", "c"], slurm = ["-u", "slurm", "-P", "s"], node03 = ["-u", "node03", "-P", "n"];

        await MosquittoClients.PublishAsync(broker.Port, "pichassis/rack1/status", "online", retain: true, extra: chassis);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/rack1/status", "forged", retain: true, extra: slurm);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/nodes/node03/heartbeat", "{}", retain: true, extra: node03);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/nodes/node04/heartbeat", "{}", retain: true, extra: node03);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/nodes/node03/announce", "{}", retain: true, extra: node03);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/nodes/node04/announce", "{}", retain: true, extra: node03);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/rack1/request/power", "{}", retain: true, extra: slurm);
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/requests/slurm/rack1/power", "{}", retain: true, extra: slurm);

        var status = await MosquittoClients.SubscribeAsync(broker.Port, ["pichassis/rack1/status"], 1, waitS: 3, extra: slurm);
        var seenByChassis = await MosquittoClients.SubscribeAsync(broker.Port, ["pichassis/nodes/+/heartbeat", "pichassis/nodes/+/announce", "pichassis/rack1/request/+", "pichassis/requests/+/rack1/+"], 4, waitS: 3, extra: chassis);
        var anonymous = await MosquittoClients.SubscribeAsync(broker.Port, ["#"], 1, waitS: 3);
        var overTls = await MosquittoClients.SubscribeAsync(broker.TlsPort, ["pichassis/rack1/status"], 1, waitS: 5, extra: [.. slurm, "--cafile", broker.Tls.CaFile]);

        Assert.Equal(["pichassis/rack1/status online"], status.Lines);
        // A node may claim no name but its own: the controllers' plug & play relies on it. The scheduler asks on its own level only.
        Assert.Equal(["pichassis/nodes/node03/announce {}", "pichassis/nodes/node03/heartbeat {}", "pichassis/requests/slurm/rack1/power {}"], seenByChassis.Lines.Order());
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Equal(["pichassis/rack1/status online"], overTls.Lines);
    }
}
