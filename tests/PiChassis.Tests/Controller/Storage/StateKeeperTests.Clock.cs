using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using static PiChassis.Tests.Controller.Storage.EngineRig;

namespace PiChassis.Tests.Controller.Storage;

// A Pi has no real-time clock: its wall clock jumps when NTP syncs. Decisions and energy run on
// monotonic time, records on wall time, the day rollover on the local date.
public sealed partial class StateKeeperTests
{
    [Fact]
    public async Task Run_WallClockJumpsADayForwardThenBack_EnergyAndJournalStayConsistent()
    {
        var steady = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        steady.SetLocalTimeZone(TimeZoneInfo.Utc);
        var clock = new JumpingWallClock(steady);
        var relays = RelaysFound(true, true);
        var run = new ControllerRun(_dir.Path, steady, relays, time: clock);
        await run.StartAsync();
        var second = TimeSpan.FromSeconds(1);

        await run.RunAsync(TimeSpan.FromMinutes(20), second);
        await SetPolicy(run, SlotPolicy.Auto);
        clock.Jump(TimeSpan.FromDays(1));
        await run.RunAsync(TimeSpan.FromMinutes(20), second);
        await SetPolicy(run, SlotPolicy.Manual);
        clock.Jump(-TimeSpan.FromDays(1));
        await run.RunAsync(TimeSpan.FromMinutes(20), second);
        await SetPolicy(run, SlotPolicy.Auto);
        var energy = await run.OnLoopAsync(e => e.Energy[1]);

        // Events reach the journal written behind: read it once the last policy change is committed.
        await run.Database.FlushAsync();
        var events = run.Journal.Read(0, 100);
        await run.StopAsync();

        // 3 W from the first sweep (1 s) to the last (3600 s); the day rolled once, at the forward jump.
        Assert.Equal(3.0 * 3599 / 3600, energy.LifetimeWh, 9);
        Assert.Equal(3.0 * 1199 / 3600, energy.YesterdayWh, 9);
        Assert.Equal(3.0 * 2400 / 3600, energy.TodayWh, 9);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Seq));
        var policyChanges = events.Where(e => e.Type == EventTypes.PolicyChanged).Select(e => e.At).ToList();
        Assert.Equal(3, policyChanges.Count);
        Assert.True(policyChanges[2] < policyChanges[1], "the journal keeps seq order, whatever the wall clock said");

        // Restarted while the clock still reads the earlier day: the counters are kept as they are.
        var again = new ControllerRun(_dir.Path, steady, relays, time: clock);
        await again.StartAsync();
        Assert.Equal(energy, await again.OnLoopAsync(e => e.Energy[1]));
        Assert.Equal(events[^1].Seq + 1, again.Keeper.Started!.Seq);
        await again.StopAsync();
    }

    [Fact]
    public async Task Restart_OnTheNextDay_MovesTodayToYesterday()
    {
        var relays = RelaysFound(true);
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var first = new ControllerRun(_dir.Path, _time, relays);
        await first.StartAsync();
        await first.RunAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));
        var before = await first.OnLoopAsync(e => e.Energy[1]);
        await first.StopAsync();
        _time.Advance(TimeSpan.FromDays(1));

        var second = new ControllerRun(_dir.Path, _time, relays);
        await second.StartAsync();

        Assert.Equal(new SlotEnergy(1, before.LifetimeWh, 0, before.TodayWh), await second.OnLoopAsync(e => e.Energy[1]));
        await second.StopAsync();
    }

    private static Task<CommandResult> SetPolicy(ControllerRun run, SlotPolicy policy) =>
        run.Loop.ExecuteAsync(new SlotCommand(1, SlotAction.SetPolicy, CommandOrigin.Remote, "test", policy));
}
