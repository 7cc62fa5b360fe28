using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using static PiChassis.Tests.Controller.Storage.EngineRig;

namespace PiChassis.Tests.Controller.Storage;

// The wear guard counts power-ons in the last hour; a restart must not start that count afresh.
public sealed partial class StateKeeperTests
{
    [Fact]
    public async Task Restart_AfterACrash_SlotAtItsHourlyLimitStaysLimitedUntilTheHourIsOver()
    {
        var relays = RelaysFound(true);
        var first = new ControllerRun(_dir.Path, _time, relays, power: p => p.MaxCyclesPerHour = 3);
        await first.StartAsync();
        await CycleAsync(first, times: 3);
        Assert.Equal(ErrorCodes.RateLimited, (await Cycle(first)).ErrorCode);
        await first.Crash();

        var second = new ControllerRun(_dir.Path, _time, relays, power: p => p.MaxCyclesPerHour = 3);
        await second.StartAsync();

        Assert.Equal(3, await second.OnLoopAsync(e => e.PowerOnsToday(1)));
        Assert.Equal(ErrorCodes.RateLimited, (await Cycle(second)).ErrorCode);
        await second.RunAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        Assert.True((await Cycle(second)).Ok);
        await second.StopAsync();
    }

    [Fact]
    public async Task Restart_WallClockSetBackSince_KeptPowerOnsCountFromTheRestart()
    {
        var steady = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var clock = new JumpingWallClock(steady);
        var relays = RelaysFound(true);
        var first = new ControllerRun(_dir.Path, steady, relays, time: clock, power: p => p.MaxCyclesPerHour = 2);
        await first.StartAsync();
        await CycleAsync(first, times: 2);
        await first.StopAsync();

        // NTP set the clock back two hours: the kept power-ons are stamped ahead of now, and count as now.
        clock.Jump(-TimeSpan.FromHours(2));
        var second = new ControllerRun(_dir.Path, steady, relays, time: clock, power: p => p.MaxCyclesPerHour = 2);
        await second.StartAsync();

        Assert.Equal(ErrorCodes.RateLimited, (await Cycle(second)).ErrorCode);
        await second.RunAsync(TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(1));
        Assert.Equal(ErrorCodes.RateLimited, (await Cycle(second)).ErrorCode);
        await second.RunAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));
        await CycleAsync(second, times: 1);
        Assert.Equal(3, await second.OnLoopAsync(e => e.PowerOnsToday(1)));
        await second.StopAsync();
    }

    private static Task<CommandResult> Cycle(ControllerRun run) =>
        run.Loop.ExecuteAsync(new SlotCommand(1, SlotAction.Cycle, CommandOrigin.Remote, "test"));

    /// <summary>Cycles slot 1 and lets each cycle close the relay again (after the minimum off time).</summary>
    private static async Task CycleAsync(ControllerRun run, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True((await Cycle(run)).Ok);
            await run.RunAsync(TimeSpan.FromSeconds(10), Tick);
        }
    }
}
