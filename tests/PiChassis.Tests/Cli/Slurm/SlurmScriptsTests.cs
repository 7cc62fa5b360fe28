using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Cli.Slurm;

/// <summary>The Slurm scripts run as slurmctld runs them: one hostlist argument, output dropped, a log file.</summary>
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
            Path.Combine(ScriptDir(), script), .. args,
        ], TimeSpan.FromSeconds(90));

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
}
