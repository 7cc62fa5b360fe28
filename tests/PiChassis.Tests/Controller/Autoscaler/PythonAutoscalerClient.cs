using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;
using PiChassis.TestHost;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// The cluster-autoscaler played by Debian's python3-grpcio (tests/autoscaler/autoscaler_client.py, its
/// stubs generated at run time from the project's .proto) against a controller in this process.
/// </summary>
internal static class PythonAutoscalerClient
{
    public const string DebianPython = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tests", "autoscaler", "autoscaler_client.py");
    private static readonly string Proto = Path.Combine(RepositoryPaths.Root, "controller", "PiChassis.Controller", "Autoscaler", "Protos", "externalgrpc.proto");

    public static Uri Endpoint(HostedController host) =>
        host.Services.GetRequiredService<AutoscalerEndpoint>().BaseUri ?? throw new InvalidOperationException("the autoscaler service did not start");

    /// <summary>Runs the client's options and steps (one line of output each) against <paramref name="host"/>'s autoscaler service.</summary>
    public static async Task<ProcessRunner.Result> RunAsync(HostedController host, params string[] arguments)
    {
        var address = $"127.0.0.1:{Endpoint(host).Port.ToString(CultureInfo.InvariantCulture)}";
        var run = await ProcessRunner.RunAsync(DebianPython, [Script, Proto, address, .. arguments], Timeout);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        return run;
    }

    /// <summary>Every slot of a 4-slot simulated chassis forced off, so a test starts from known relays.</summary>
    public static async Task AllOffAsync(HostedController host)
    {
        for (var slot = 1; slot <= 4; slot++)
        {
            Assert.True((await host.Loop.ExecuteAsync(new SlotCommand(slot, SlotAction.ForceOff, CommandOrigin.Remote, "test"))).Ok);
        }
    }
}
