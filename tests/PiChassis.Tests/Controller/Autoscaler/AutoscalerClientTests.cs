using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;
using PiChassis.TestHost;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// The autoscaler's sequences played by a second, independent gRPC stack: Debian's python3-grpcio with
/// stubs generated at test time from the project's .proto by Debian's protoc (tests/run.sh installs
/// them), against the simulated controller in this process. What switched is read from the simulator's
/// relay log and the journal.
/// </summary>
public sealed class AutoscalerClientTests : IDisposable
{
    private const string Group = "workers";

    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-autoscaler-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Python_ScaleUpOverBudgetDeleteAndFault_AsTheAutoscalerWould()
    {
        Assert.True(File.Exists(PythonAutoscalerClient.DebianPython), "Debian's python3 is missing");

        // 25 W for boots: three boot peaks of 6.5 W fit, four do not.
        await using var host = await StartAsync(new()
        {
            ["Power:PsuBudgetW"] = "30",
            ["Power:HeadroomW"] = "5",
        });
        await PythonAutoscalerClient.AllOffAsync(host);
        var baseline = Enumerable.Range(1, 4).ToDictionary(s => s, s => RelayWrites(host, s).Length);

        var up = await ClientAsync(host, [], "groups", "for:pichassis://sim/2:whatever", "for::node03", "for:pichassis://other/2:node02", "for::nobody",
            $"target:{Group}", $"increase:{Group}:4", $"target:{Group}", $"increase:{Group}:3", $"target:{Group}", $"wait:{Group}:running:3:120",
            "gpu", $"template:{Group}", "pricing", "refresh", "target:gpu-nodes");

        Assert.Equal(
            [
                $"group {Group} 0 4", $"for whatever -> {Group}", $"for node03 -> {Group}", "for node02 -> -", "for nobody -> -",
                $"target {Group} 0",
                $"error RESOURCE_EXHAUSTED budget_exceeded: booting 4 nodes of group {Group} needs 26.0 W, the supply has 25.0 W free",
                $"target {Group} 0", $"increase {Group} ok", $"target {Group} 3", $"wait {Group} running 3",
                "gpu '' 0", $"template {Group} {Group}-template", "error UNIMPLEMENTED PiChassis has no pricing: a node costs its energy", "refresh ok",
                "error NOT_FOUND no node group 'gpu-nodes'",
            ],
            up.Lines);
        var powered = Enumerable.Range(1, 4).Where(s => RelayWrites(host, s).Skip(baseline[s]).SequenceEqual(["high"])).ToList();
        Assert.Equal(3, powered.Count);
        var idle = Enumerable.Range(1, 4).Except(powered).Single();
        Assert.Equal(baseline[idle], RelayWrites(host, idle).Length);
        Assert.True(await Poll.UntilAsync(() => Journal(host).Count(e => e is { Type: EventTypes.PowerOn, Source: NodeGroupActions.Source }) == 3));

        // Delete one named node: exactly that one halts (the node agent is asked first), then its relay opens.
        var (gone, faulty, kept) = (powered[0], powered[1], powered[2]);
        var delete = await ClientAsync(host, [], $"delete:{Group}:node{gone:D2}", $"delete:{Group}:node{idle:D2},nobody", $"target:{Group}");

        Assert.Equal([$"delete {Group} ok", $"error INVALID_ARGUMENT node 'nobody' is not in group {Group}", $"target {Group} 2"], delete.Lines);
        Assert.True(await Poll.UntilAsync(() => RelayWrites(host, gone).Skip(baseline[gone]).SequenceEqual(["high", "low"])), string.Join(" ", RelayWrites(host, gone)));
        Assert.True(await Poll.UntilAsync(() => Journal(host).Any(e => e is { Type: EventTypes.PowerOff, Source: NodeGroupActions.Source } && e.Slot == gone
            && e.Detail?["reason"]?.GetValue<string>() == "halted")));
        Assert.Contains(Journal(host), e => e.Type == EventTypes.PhaseChanged && e.Slot == gone && e.Source == NodeGroupActions.Source
            && e.Detail?["to"]?.GetValue<string>() == "shutting_down");
        Assert.Equal(["high"], RelayWrites(host, faulty).Skip(baseline[faulty]));
        Assert.Equal(["high"], RelayWrites(host, kept).Skip(baseline[kept]));

        // A slot that faults shows its error to the autoscaler.
        host.Chassis.Slots[faulty - 1].InjectShort(4);
        Assert.True(await Poll.UntilAsync(async () => (await host.StateAsync(faulty)).Fault is not null));
        var nodes = await ClientAsync(host, [], $"nodes:{Group}");

        Assert.Contains($"node pichassis://sim/{faulty} creating overcurrent 99", nodes.Lines);
        Assert.Contains($"node pichassis://sim/{kept} running", nodes.Lines);
        Assert.DoesNotContain(nodes.Lines, l => l.StartsWith($"node pichassis://sim/{idle} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Python_MutualTls_OnlyAClientCertificateOfTheConfiguredCa()
    {
        var tls = await TlsFiles.CreateAsync(_dir, "ca");
        var (cert, key) = await TlsFiles.ClientAsync(_dir, "ca");
        await TlsFiles.CreateAsync(_dir, "other");
        var (otherCert, otherKey) = await TlsFiles.ClientAsync(_dir, "other");
        await using var host = await StartAsync(new()
        {
            ["Autoscaler:CertificatePath"] = tls.CertFile,
            ["Autoscaler:KeyPath"] = tls.KeyFile,
            ["Autoscaler:ClientCaPath"] = tls.CaFile,
        });

        var none = await ClientAsync(host, ["--tls", tls.CaFile, "-", "-"], "groups");
        var other = await ClientAsync(host, ["--tls", tls.CaFile, otherCert, otherKey], "groups");
        var right = await ClientAsync(host, ["--tls", tls.CaFile, cert, key], "groups");

        Assert.Equal("https", PythonAutoscalerClient.Endpoint(host).Scheme);
        // Refused in the handshake: UNAVAILABLE, or on a loaded machine the client's 10 s deadline first.
        Assert.Matches("^error (UNAVAILABLE|DEADLINE_EXCEEDED)", Assert.Single(none.Lines));
        Assert.Matches("^error (UNAVAILABLE|DEADLINE_EXCEEDED)", Assert.Single(other.Lines));
        Assert.Equal([$"group {Group} 0 4"], right.Lines);
    }

    [Fact]
    public async Task Http2_RedfishPathOnTheAutoscalerPort_NotFoundWhileRedfishAnswersOnItsOwn()
    {
        await using var host = await StartAsync(new() { ["Redfish:Enabled"] = "true", ["Redfish:Port"] = "0" });
        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var http1 = new HttpClient();

        using var onAutoscaler = await http2.GetAsync(new Uri(PythonAutoscalerClient.Endpoint(host), "/redfish/v1"));
        using var onRedfish = await http1.GetAsync(new Uri(host.RedfishBaseUri!, "/redfish/v1"));

        Assert.Equal(HttpStatusCode.NotFound, onAutoscaler.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onRedfish.StatusCode);
        Assert.NotEqual(PythonAutoscalerClient.Endpoint(host).Port, host.RedfishBaseUri!.Port);
    }

    private static Task<HostedController> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Autoscaler:Enabled"] = "true";
        settings["Autoscaler:Port"] = "0";
        settings[$"Autoscaler:NodeGroups:0:Name"] = Group;
        settings[$"Autoscaler:NodeGroups:0:Nodes"] = "node[01-04]";
        settings["Power:MinOffTime"] = "00:00:00";
        return HostedController.StartAsync(settings);
    }

    private static Task<ProcessRunner.Result> ClientAsync(HostedController host, string[] tls, params string[] steps) =>
        PythonAutoscalerClient.RunAsync(host, [.. tls, .. steps]);

    private static IReadOnlyList<ChassisEvent> Journal(HostedController host) => host.Journal.Read(0, 100_000);

    private static string[] RelayWrites(HostedController host, int slot)
    {
        var log = Path.Combine(host.DataDir, "relay-writes.log");
        return File.Exists(log)
            ? [.. File.ReadAllLines(log).Select(l => l.Split(' ')).Where(p => p[2] == slot.ToString(CultureInfo.InvariantCulture)).Select(p => p[^1])]
            : [];
    }

}
