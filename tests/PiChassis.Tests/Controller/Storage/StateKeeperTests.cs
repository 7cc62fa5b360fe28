using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;
using static PiChassis.Tests.Controller.Storage.EngineRig;

namespace PiChassis.Tests.Controller.Storage;

public sealed partial class StateKeeperTests : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Restart_AfterACrash_AdoptsWhatRunsAndLosesAtMostOneFlushIntervalOfEnergy()
    {
        var relays = RelaysFound(true, true, false);
        var first = new ControllerRun(_dir.Path, _time, relays);
        await first.StartAsync();
        await first.RunAsync(TimeSpan.FromSeconds(25), Tick);
        var lifetimeWh = await first.OnLoopAsync(e => e.Energy.ChassisLifetimeWh);
        var lastSeq = first.Journal.LastSeq;
        await first.Crash();

        var second = new ControllerRun(_dir.Path, _time, relays);
        await second.StartAsync();

        var restoredWh = await second.OnLoopAsync(e => e.Energy.ChassisLifetimeWh);
        var flushIntervalWh = 6.0 * first.Storage.EnergyFlushInterval.TotalHours;
        // Up to one interval; nothing when the 20 s flush waited behind the 10 s one and ran at the end.
        Assert.InRange(lifetimeWh - restoredWh, 0, flushIntervalWh);
        var started = second.Keeper.Started!;
        Assert.Equal(lastSeq + 1, started.Seq);
        Assert.Equal("unclean", started.Detail!["store"]!["previous_stop"]!.GetValue<string>());
        Assert.Equal("[1,2]", started.Detail["adopted"]!.ToJsonString());
        Assert.Equal([SlotPhase.On, SlotPhase.On, SlotPhase.Off], second.Rig.Engine.States.Select(s => s.Phase));
        Assert.All(relays, r => Assert.Equal(0, r.Writes));
        await second.StopAsync();
    }

    [Fact]
    public async Task Restart_AfterACleanStop_LosesNothing()
    {
        var relays = RelaysFound(true, true, true);
        var first = new ControllerRun(_dir.Path, _time, relays);
        await first.StartAsync();
        await first.Loop.ExecuteAsync(new SlotCommand(1, SlotAction.SetPolicy, CommandOrigin.Remote, "test", SlotPolicy.AlwaysOn));
        await first.Loop.ExecuteAsync(new SlotCommand(2, SlotAction.Lock, CommandOrigin.Remote, "test"));
        await first.RunAsync(TimeSpan.FromSeconds(12), Tick);
        first.Rig.DrawW[2] = 15;
        await first.RunAsync(TimeSpan.FromSeconds(13), Tick);
        var energy = await first.OnLoopAsync(e => e.Energy.All);
        var kept = await first.OnLoopAsync(e => e.Persisted());
        var lastSeq = first.Journal.LastSeq;
        var writes = relays.Select(r => r.Writes).ToList();
        await first.StopAsync();

        var second = new ControllerRun(_dir.Path, _time, relays);
        await second.StartAsync();

        Assert.Equal<SlotEnergy>(energy, await second.OnLoopAsync(e => e.Energy.All));
        Assert.Equal(kept, await second.OnLoopAsync(e => e.Persisted()));
        Assert.Equal(FaultCodes.Overcurrent, second.Rig.State(3).Fault?.Code);
        Assert.Equal(SlotPolicy.AlwaysOn, second.Rig.State(1).Policy);
        Assert.True(second.Rig.State(2).Locked);
        Assert.Equal(lastSeq + 1, second.Keeper.Started!.Seq);
        Assert.Equal("clean", second.Keeper.Started.Detail!["store"]!["previous_stop"]!.GetValue<string>());
        Assert.Equal(writes, relays.Select(r => r.Writes));
        await second.StopAsync();
    }

    [Fact]
    public async Task Start_StoreIsGarbage_AdoptsTheHardwareKeepsTheFileAsideAndSaysSo()
    {
        Directory.CreateDirectory(_dir.Path);
        await File.WriteAllTextAsync(_dir.StoreFile, "this is not an SQLite database, whatever it once was");
        var relays = RelaysFound(true, false);
        var log = new FakeLogger<StoreDatabase>();

        var run = new ControllerRun(_dir.Path, _time, relays, storeLogger: log);
        await run.StartAsync();
        await run.RunAsync(TimeSpan.FromSeconds(15), Tick);

        var store = run.Keeper.Started!.Detail!["store"]!;
        Assert.Equal("recovered", store["status"]!.GetValue<string>());
        var aside = store["set_aside"]!.GetValue<string>();
        Assert.Equal("this is not an SQLite database, whatever it once was", await File.ReadAllTextAsync(aside));
        Assert.Equal("[1]", run.Keeper.Started.Detail["adopted"]!.ToJsonString());
        Assert.Equal([SlotPhase.On, SlotPhase.Off], run.Rig.Engine.States.Select(s => s.Phase));
        Assert.All(relays, r => Assert.Equal(0, r.Writes));
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(aside, StringComparison.Ordinal));
        await run.StopAsync();
    }

    [Fact]
    public async Task Start_DataDirectoryUnusable_RunsOnAStoreInMemory()
    {
        File.WriteAllText(_dir.Path, "a file where the directory should be");
        try
        {
            var relays = RelaysFound(true);
            var run = new ControllerRun(_dir.Path, _time, relays);
            await run.StartAsync();
            await run.RunAsync(TimeSpan.FromSeconds(11), Tick);

            Assert.Equal("in_memory", run.Keeper.Started!.Detail!["store"]!["status"]!.GetValue<string>());
            Assert.Equal(SlotPhase.On, run.Rig.State(1).Phase);
            Assert.Single(run.Journal.Read(0, 10));
            await run.StopAsync();
        }
        finally
        {
            File.Delete(_dir.Path);
        }
    }
}
