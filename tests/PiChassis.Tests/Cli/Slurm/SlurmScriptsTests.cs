using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Cli.Slurm;

/// <summary>The Slurm scripts run as slurmctld runs them: one hostlist argument, output dropped, a log file; <c>reserve</c> with a fake <c>scontrol</c>.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SlurmScriptsTests(BrokerAndController rig) : IClassFixture<BrokerAndController>, IDisposable
{
    private readonly string _log = Path.Combine(Directory.CreateTempSubdirectory("pichassis-slurm-").FullName, "log", "slurm.log");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(_log))!, recursive: true);

    private Task<ProcessRunner.Result> RunScriptAsync(string script, params string[] args) =>
        ProcessRunner.RunAsync("env",
        [
            $"PICHASSIS_CLI=dotnet {Path.Combine(AppContext.BaseDirectory, "pichassis.dll")}",
            $"PICHASSIS_SLURM_LOG={_log}",
            $"PICHASSIS_MQTT_PORT={rig.Port}",
            $"PATH={FakeBin}:{Environment.GetEnvironmentVariable("PATH")}",
            Path.Combine(ScriptDir(), script), .. args,
        ], TimeSpan.FromSeconds(90));

    /// <summary>Where a fake <c>scontrol</c> lies, first on the scripts' PATH.</summary>
    private string FakeBin => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(_log))!, "bin");

    /// <summary>A <c>scontrol</c> that prints <paramref name="output"/> and exits with <paramref name="exitCode"/>, recording its arguments.</summary>
    private void FakeScontrol(string output, int exitCode = 0)
    {
        Directory.CreateDirectory(FakeBin);
        var path = Path.Combine(FakeBin, "scontrol");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$*\" > '{FakeBin}/args'\ncat <<'OUT'\n{output}\nOUT\nexit {exitCode}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string ScriptDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "controller", "deploy", "slurm")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("controller/deploy/slurm"), "controller", "deploy", "slurm");
    }

    [Fact]
    public async Task SuspendThenResume_NodesGoDownAndUp_Logged()
    {
        var suspend = await RunScriptAsync("suspend", "node[01-02]");
        var offPhases = new[] { (await rig.Controller.StateAsync(1)).Phase, (await rig.Controller.StateAsync(2)).Phase };
        var resume = await RunScriptAsync("resume", "node[01-02]");

        Assert.Equal(0, suspend.ExitCode);
        Assert.Equal([SlotPhase.Off, SlotPhase.Off], offPhases);
        Assert.Equal(0, resume.ExitCode);
        Assert.All([1, 2], slot => Assert.True(rig.Controller.Chassis.Slot(slot).RelayInputClosed));
        Assert.Empty(suspend.Output + resume.Output);
        var log = await File.ReadAllTextAsync(_log);
        Assert.Matches(@"suspend\[[0-9]+\]: suspending node\[01-02\]", log);
        Assert.Matches(@"suspend\[[0-9]+\]: pichassis power off node\[01-02\] --wait relay --timeout 90", log);
        Assert.Matches(@"resume\[[0-9]+\]: pichassis power on node\[01-02\] --wait relay", log);
        Assert.Equal(2, log.Split('\n').Count(l => l.EndsWith(": exit 0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResumeFail_LogsStatusAndForcesOff()
    {
        var result = await RunScriptAsync("resume-fail", "node03");

        Assert.Equal(0, result.ExitCode);
        Assert.False(rig.Controller.Chassis.Slot(3).RelayInputClosed);
        var log = await File.ReadAllTextAsync(_log);
        Assert.Contains("resume failed for node03", log, StringComparison.Ordinal);
        Assert.Contains("pichassis status node03", log, StringComparison.Ordinal);
        Assert.Matches(@"sim\s+3\s+node03", log);
        await RunScriptAsync("resume", "node03");
    }

    [Fact]
    public async Task Resume_UnknownNode_Exit2Logged()
    {
        var result = await RunScriptAsync("resume", "ghost[1-2]");

        Assert.Equal(2, result.ExitCode);
        var log = await File.ReadAllTextAsync(_log);
        Assert.Contains("pichassis: unknown node 'ghost1'", log, StringComparison.Ordinal);
        Assert.Contains(": exit 2", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspend_NoArgument_Exit2Logged()
    {
        var result = await RunScriptAsync("suspend");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: suspend <hostlist> (got 0 arguments)", await File.ReadAllTextAsync(_log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserve_Reservation_ScheduledFromItsStartUntilItsEnd()
    {
        // scontrol prints local times without an offset, to the second.
        var start = DateTimeOffset.Now.AddHours(2);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
        var end = start.AddHours(3);
        FakeScontrol($"ReservationName=nightly StartTime={start.LocalDateTime:yyyy-MM-ddTHH:mm:ss} EndTime={end.LocalDateTime:yyyy-MM-ddTHH:mm:ss} Duration=03:00:00 Nodes=node[01-02] NodeCnt=2 CoreCnt=8 Features=(null) PartitionName=batch Flags=");
        var policy = rig.Controller.Services.GetRequiredService<CapacityPolicy>();

        var result = await RunScriptAsync("reserve", "nightly", "sim");
        var entries = await rig.Controller.Loop.RunAsync(_ => policy.Schedules.ToList());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("--oneliner show reservation nightly", (await File.ReadAllTextAsync(Path.Combine(FakeBin, "args"))).Trim());
        var entry = Assert.Single(entries);
        Assert.Equal((2, start, end, "slurm"), (entry.Nodes, entry.At, entry.Until, entry.Source));
        Assert.Contains("reserve[", await File.ReadAllTextAsync(_log), StringComparison.Ordinal);
        await rig.Controller.Loop.RunAsync(_ => policy.CancelSchedule(entry.Id, entry.Requester, "test"));
    }

    [Fact]
    public async Task Reserve_UnknownReservation_Exit2Logged()
    {
        FakeScontrol("Reservation ghost not found", exitCode: 1);

        var result = await RunScriptAsync("reserve", "ghost");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("scontrol: Reservation ghost not found", await File.ReadAllTextAsync(_log), StringComparison.Ordinal);
    }
}
