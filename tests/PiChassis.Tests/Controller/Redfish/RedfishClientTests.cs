using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>
/// Real Redfish clients from Debian (tests/run.sh installs them) against the simulated controller on
/// loopback plain HTTP: DMTF's redfishtool, and sushy, the library of Ironic and Metal3, run by
/// Debian's own Python (the python3 first on PATH may be another). What switched is read from the relay log.
/// </summary>
public sealed class RedfishClientTests
{
    private const string Redfishtool = "/usr/bin/redfishtool";
    private const string DebianPython = "/usr/bin/python3";
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(2);

    // No pause between power-ons, so that each reset has closed the relay when the client sees PoweringOn.
    private static readonly Dictionary<string, string?> Immediate = new() { ["Power:StaggerInterval"] = "00:00:00" };

    [Fact]
    public async Task Redfishtool_ListReadResetGracefullyAndChassis_AsAnOperatorWould()
    {
        Assert.True(File.Exists(Redfishtool), "redfishtool is not installed (tests/run.sh installs Debian's package)");
        await using var host = await StartAsync(Immediate);
        Assert.True(await Poll.UntilAsync(async () => (await host.StateAsync(1)).Phase == SlotPhase.On, TimeSpan.FromSeconds(60)));
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(host.Controller.Services.GetRequiredService<SnapshotHub>().Latest?.Slot(2) is { RelayClosed: true, PowerW: > 0 }),
            TimeSpan.FromSeconds(60)), "slot 2 never drew");

        var list = await RedfishtoolAsync(host, Admin, AdminPassword, "Systems", "list");
        var power = await RedfishtoolAsync(host, Admin, AdminPassword, "Systems", "-I", "1", "get", "-P", "PowerState");
        var reset = await RedfishtoolAsync(host, Admin, AdminPassword, "-A", "Session", "Systems", "-I", "1", "reset", "GracefulShutdown");
        var chassis = await RedfishtoolAsync(host, Admin, AdminPassword, "Chassis", "list");
        var reading = await RedfishtoolAsync(host, ReadOnly, Password, "Chassis", "-I", "2", "getPowerReading", "consumed");

        Assert.True(list.ExitCode == 0, list.Output + list.Error);
        Assert.Contains("\"/redfish/v1/Systems/4\"", list.Output, StringComparison.Ordinal);
        Assert.True(power.ExitCode == 0, power.Output + power.Error);
        Assert.Contains("\"PowerState\": \"On\"", power.Output, StringComparison.Ordinal);
        Assert.True(reset.ExitCode == 0, reset.Output + reset.Error);
        Assert.True(await host.WaitForRelayAsync(1, ["low"]), string.Join(" ", host.RelayWrites(1)));

        // The relay has switched; its event is written behind, and the journal reads only what is durable.
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(host.Controller.Journal.Read(0, 10_000).Any(e => e is { Type: EventTypes.PowerOff, Slot: 1, Source: Admin })), TimeSpan.FromSeconds(10)));
        Assert.True(chassis.ExitCode == 0, chassis.Output + chassis.Error);
        Assert.Contains("\"/redfish/v1/Chassis/enclosure\"", chassis.Output, StringComparison.Ordinal);
        Assert.True(reading.ExitCode == 0, reading.Output + reading.Error);
        var consumed = Regex.Match(reading.Output, "\"PowerConsumedWatts\": ([0-9.]+)");
        Assert.True(consumed.Success, reading.Output);
        Assert.True(double.Parse(consumed.Groups[1].Value, CultureInfo.InvariantCulture) > 0, reading.Output);
    }

    [Fact]
    public async Task Redfishtool_ResetAsReadOnly_RefusedAndNothingSwitched()
    {
        Assert.True(File.Exists(Redfishtool), "redfishtool is not installed (tests/run.sh installs Debian's package)");
        await using var host = await StartAsync(Immediate);

        var reset = await RedfishtoolAsync(host, ReadOnly, Password, "Systems", "-I", "2", "reset", "ForceOff");

        Assert.NotEqual(0, reset.ExitCode);
        Assert.Empty(host.RelayWrites(2));
    }

    [Fact]
    public async Task Sushy_EveryAllowableResetIdentifyAndBootOverride_AsIronicWould()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "redfish", "sushy_client.py");
        Assert.True(File.Exists(DebianPython), "Debian's python3 is missing");
        await using var host = await StartAsync(Immediate);
        Assert.True(await Poll.UntilAsync(async () => (await host.StateAsync(2)).Phase == SlotPhase.On, TimeSpan.FromSeconds(60)));
        string[] resets = ["GracefulShutdown", "On", "ForceOn", "PowerCycle", "ForceRestart", "ForceOff", "GracefulRestart"];

        var run = await ProcessRunner.RunAsync(DebianPython,
            [script, host.BaseUri.ToString().TrimEnd('/'), Admin, AdminPassword, "2", .. resets], ClientTimeout);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("session True", run.Lines);
        Assert.Contains("allowed ForceOff ForceOn ForceRestart GracefulRestart GracefulShutdown On PowerCycle", run.Lines);
        Assert.Contains("reset GracefulShutdown Off", run.Lines);
        Assert.Contains("indicator Blinking", run.Lines);
        Assert.Contains("boot Pxe Once", run.Lines);
        Assert.Contains("events True", run.Lines);

        // Off (halted), on, on again (nothing), two cycles, off, on (a graceful restart of a system that is off powers it on).
        Assert.True(await host.WaitForRelayAsync(2, ["low", "high", "low", "high", "low", "high", "low", "high"]), string.Join(" ", host.RelayWrites(2)));
        Assert.True((await host.StateAsync(2)).Identifying);
        Assert.Empty(host.RelayWrites(1));
    }

    private static Task<ProcessRunner.Result> RedfishtoolAsync(RedfishHost host, string user, string password, params string[] command) =>
        ProcessRunner.RunAsync(Redfishtool,
            ["-r", $"127.0.0.1:{host.BaseUri.Port.ToString(CultureInfo.InvariantCulture)}", "-S", "Never", "-u", user, "-p", password, .. command], ClientTimeout);
}
