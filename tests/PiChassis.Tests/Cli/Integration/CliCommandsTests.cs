using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Cli.Support;

namespace PiChassis.Tests.Cli.Integration;

/// <summary>Every command of <c>pichassis</c> against two simulated controllers through a real Mosquitto.</summary>
public sealed class CliCommandsTests(CliRig rig) : IClassFixture<CliRig>
{
    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(rig.Port, args);

    private static JsonObject Json(CliRunner.Result result) => JsonNode.Parse(result.Output)!.AsObject();

    [Fact]
    public async Task Status_AllChassis_TableListsEveryNode()
    {
        var result = await Run("status");

        Assert.Equal(0, result.ExitCode);
        Assert.All(["node01", "node02", "node03", "node04", "b01", "b02", "phase", "Wh", "fault"], text => Assert.Contains(text, result.Output, StringComparison.Ordinal));
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Status_JsonAcrossChassis_ParsableAndTagged()
    {
        var json = Json(await Run("status", "node01,b02", "--json"));

        Assert.Equal(0, (int)json["exit_code"]!);
        var results = json["results"]!.AsArray();
        Assert.Equal([("b", "b02"), ("sim", "node01")], results.Select(r => ((string)r!["chassis"]!, (string)r["node"]!)));
        Assert.All(results, r => Assert.NotNull(r!["state"]!["phase"]));
    }

    [Fact]
    public async Task Power_OffThenOnWaitReady_ReachesEachState()
    {
        var off = await Run("power", "off", "node02", "--wait", "ready", "--timeout", "60");
        var phaseOff = (await rig.Sim.StateAsync(2)).Phase;
        var on = await Run("--port", CliRig.Text(rig.Port), "power", "on", "node02", "--timeout", "60", "--wait", "ready");

        Assert.True((off.ExitCode, phaseOff) == (0, SlotPhase.Off), $"off: exit {off.ExitCode}, {phaseOff}: {off.Output}|{off.Error}");
        Assert.True(on.ExitCode == 0, $"on: exit {on.ExitCode}: {on.Output}|{on.Error}");
        Assert.Equal(SlotPhase.On, (await rig.Sim.StateAsync(2)).Phase);
        Assert.True(on.Output.Contains("node02", StringComparison.Ordinal), on.Output + "|" + on.Error);
    }

    [Fact]
    public async Task Power_CycleRestartForceOff_EachOk()
    {
        var cycle = await Run("power", "cycle", "slot:3", "--chassis", "sim", "--wait", "none");
        var restart = await Run("power", "restart", "node03", "--wait", "none");
        var forceOff = Json(await Run("power", "force-off", "node03", "--wait", "relay", "--json"));
        var on = await Run("power", "on", "node03", "--wait", "relay");

        Assert.Equal(0, cycle.ExitCode);
        Assert.Equal(0, restart.ExitCode);
        Assert.Equal(("sim", "off"), ((string?)forceOff["results"]![0]!["chassis"], (string?)forceOff["results"]![0]!["phase"]));
        Assert.Equal(0, on.ExitCode);
    }

    /// <summary>The boards of chassis b are never rebooted here: a fresh heartbeat from them would look, to sim's plug &amp; play, like its own booting board.</summary>
    [Fact]
    public async Task Power_OnAcrossChassis_OneCallBothAnswer()
    {
        var json = Json(await Run("power", "on", "node01,b01", "--wait", "relay", "--json"));

        Assert.Equal(0, (int)json["exit_code"]!);
        Assert.Equal([("b", "b01"), ("sim", "node01")], json["results"]!.AsArray().Select(r => ((string)r!["chassis"]!, (string)r["node"]!)));
    }

    [Theory]
    [InlineData("identify")]
    [InlineData("clear-fault")]
    public async Task PlainVerb_Node_Ok(string verb)
    {
        var result = await Run(verb, "node04");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_ThenPowerOff_RefusedWithExit5UntilUnlocked()
    {
        var locked = await Run("lock", "b02");
        var refused = await Run("power", "off", "b02", "--wait", "none");
        var unlocked = await Run("unlock", "b02");

        Assert.Equal(0, locked.ExitCode);
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("b02 (chassis b, slot 2): locked:", refused.Error, StringComparison.Ordinal);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.Equal(0, unlocked.ExitCode);
    }

    [Fact]
    public async Task Identity_ConfirmOrRejectWithNothingLearnt_RefusedNotPendingExit5()
    {
        var confirm = await Run("identity", "confirm", "b02");
        var reject = await Run("identity", "reject", "b02");
        var unknown = await Run("identity", "adopt", "b02");

        Assert.Equal((5, 5), (confirm.ExitCode, reject.ExitCode));
        Assert.Contains("b02 (chassis b, slot 2): not_pending:", confirm.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task Policy_AlwaysOn_VisibleInStatus()
    {
        var set = await Run("policy", "node04", "always-on");
        var status = Json(await Run("status", "node04", "--json"));
        await Run("policy", "node04", "manual");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("always_on", (string?)status["results"]![0]!["state"]!["policy"]);
    }

    [Fact]
    public async Task Capacity_SentToTheChassis_ItsAnswerReported()
    {
        var result = await Run("capacity", "2", "--min-spare", "1", "--chassis", "sim", "--json");

        var text = await Run("capacity", "2", "--min-spare", "1", "--chassis", "sim");

        var json = Json(result);
        Assert.Contains(result.ExitCode, new[] { 0, 1 });
        Assert.Equal(result.ExitCode, (int)json["exit_code"]!);
        Assert.Equal(2, (int)json["capacity"]!["sim"]!["nodes"]!);
        Assert.Equal(1, (int)json["capacity"]!["sim"]!["min_spare"]!);
        Assert.True((int)json["capacity"]!["sim"]!["wanted"]! >= 2);
        Assert.Contains("sim: 2 nodes and 1 spare wanted", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_AtUntil_ScheduledListedAndCancelledByItsUserOnly()
    {
        var at = DateTimeOffset.UtcNow.AddHours(3);
        var (from, to) = (Utc(at), Utc(at.AddHours(2)));

        var made = Json(await Run("--user", "planner", "capacity", "2", "--at", from, "--until", to, "--chassis", "sim", "--json"));
        var id = (string)made["capacity"]!["sim"]!["schedule_id"]!;
        var list = await Run("capacity", "--list", "--chassis", "sim");
        var stranger = await Run("capacity", "--cancel", id, "--chassis", "sim");
        var owner = await Run("--user", "planner", "capacity", "--cancel", id, "--chassis", "sim");
        var after = await Run("capacity", "--list", "--chassis", "sim");

        Assert.Equal(0, (int)made["exit_code"]!);
        Assert.Matches($@"{id}\s+2 nodes\s+0 spare\s+{Regex.Escape(from)} until {Regex.Escape(to)}\s+by planner \(cli\)", list.Output);
        Assert.Equal(2, stranger.ExitCode);
        Assert.Contains("belongs to requester 'planner'", stranger.Error, StringComparison.Ordinal);
        Assert.Equal(0, owner.ExitCode);
        Assert.Contains($"sim: scheduled capacity {id}", owner.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(id, after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_AtOverWhatTheChassisCanRun_Exit5WithHowFarItCouldGo()
    {
        var result = await Run("capacity", "99", "--at", Utc(DateTimeOffset.UtcNow.AddHours(1)), "--chassis", "sim");

        Assert.Equal(5, result.ExitCode);
        Assert.Matches("budget_exceeded: 99 nodes scheduled, [0-9]+ can run", result.Error);
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Profile_SentToTheChassis_ForecastReported()
    {
        var json = Json(await Run("profile", "--minutes", "5", "--chassis", "sim", "--json"));

        var text = await Run("profile", "--minutes", "5", "--chassis", "sim");

        Assert.Equal(0, (int)json["exit_code"]!);
        Assert.True((bool)json["profile"]!["sim"]!["learning"]!);
        Assert.Equal(5, json["profile"]!["sim"]!["forecast"]!.AsArray().Count);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("sim: learning", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_MinutesOutOfRange_UsageError()
    {
        var result = await Run("profile", "--minutes", "0");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Energy_TotalJson_PerSlotAndPerChassis()
    {
        var json = Json(await Run("energy", "--period", "total", "--json"));

        Assert.Equal(6, json["results"]!.AsArray().Count);
        Assert.Equal(0, (int)json["exit_code"]!);
        Assert.True((double)json["chassis_energy_wh"]!["sim"]! >= 0);
        Assert.True((double)json["chassis_energy_wh"]!["b"]! >= 0);
    }

    [Fact]
    public async Task Events_SinceSeqJson_InOrder()
    {
        var json = Json(await Run("events", "--chassis", "sim", "--since-seq", "0", "--json"));

        var seqs = json["events"]!.AsArray().Select(e => (long)e!["seq"]!).ToList();
        Assert.NotEmpty(seqs);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal("controller_started", (string?)json["events"]![0]!["event_type"]);
    }

    [Fact]
    public async Task Events_Default_LastEventsAsLines()
    {
        var result = await Run("events", "--last", "3");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Output}|{result.Error}");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 6);
        Assert.All(lines, line => Assert.Matches("^(sim|b) #[0-9]+ ", line));
    }
}
