using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>Protection and commands go on while the store's commit is stuck (an SD card's sync that does not return).</summary>
public sealed class StoreStallTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly StuckCommits _store = new();

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Trip_CommitStuck_RelayOpensAndCommandsAreAnswered()
    {
        var relays = EngineRig.RelaysFound(true, true);
        var run = new ControllerRun(_dir.Path, _time, relays, storeFaults: _store);
        await run.StartAsync();
        await run.RunAsync(TimeSpan.FromSeconds(1), Interval);
        var durable = run.Journal.LastSeq;

        // The next commit sticks: the writer holds the connection and does not come back.
        _store.Stick();
        await run.OnLoopAsync(e => e.Execute(new SlotCommand(2, SlotAction.SetPolicy, CommandOrigin.Remote, "test", SlotPolicy.Auto)));
        Assert.True(_store.Entered.Wait(Wait), "the policy change was not committed");
        run.Rig.DrawW[0] = 20;
        await run.SweepAsync(TimeSpan.FromMilliseconds(300), Interval);
        var forced = await run.Loop.ExecuteAsync(new SlotCommand(2, SlotAction.ForceOff, CommandOrigin.Remote, "test")).WaitAsync(Wait);

        Assert.Equal(SlotPhase.Fault, run.Rig.State(1).Phase);
        Assert.False(relays[0].IsClosed);
        Assert.True(forced.Ok);
        Assert.False(relays[1].IsClosed);
        Assert.Equal(durable, run.Journal.LastSeq);

        // Once the disk answers, the trip's records are written in order and none is lost.
        _store.Unstick();
        await run.Database.FlushAsync().WaitAsync(Wait);
        var events = run.Journal.Read(durable, 100);
        Assert.Contains(events, e => e.Type == EventTypes.FaultTrip && e.Slot == 1);
        Assert.Contains(events, e => e.Type == EventTypes.PowerOff && e.Slot == 2);
        Assert.Equal(run.Rig.Events.LastSeq, run.Journal.LastSeq);
        await run.StopAsync();
    }

    [Fact]
    public async Task EnergyFlush_CommitStuckForManyPeriods_NoOtherFlushStartsAndTheNextOneAfterItLands()
    {
        var relays = EngineRig.RelaysFound(true, true);
        var log = new FakeLogger<StateKeeper>();
        var run = new ControllerRun(_dir.Path, _time, relays, storeFaults: _store, keeperLogger: log);
        await run.StartAsync();
        await run.RunAsync(TimeSpan.FromSeconds(1), Interval);

        _store.Stick();
        run.Keeper.Tick();
        Assert.True(_store.Entered.Wait(Wait), "the energy flush was not committed");
        var stalled = run.Keeper.WhenIdleAsync();

        // A minute of sweeps: the keeper's timer comes due six times while its flush waits for the disk.
        await run.SweepAsync(TimeSpan.FromMinutes(1), Interval);

        Assert.Same(stalled, run.Keeper.WhenIdleAsync());
        Assert.False(stalled.IsCompleted);
        Assert.Single(log.Collector.GetSnapshot(), r => r.Id.Id == 313);

        _store.Unstick();
        await stalled.WaitAsync(Wait);
        run.Keeper.Tick();
        await run.Keeper.WhenIdleAsync().WaitAsync(Wait);
        var counted = await run.OnLoopAsync(e => e.Energy.All.Sum(s => s.LifetimeWh));
        Assert.True(counted > 0);
        Assert.Equal(counted, new StateStore(run.Database).Load().Energy.Sum(s => s.LifetimeWh), precision: 9);
        await run.StopAsync();
    }

    /// <summary>Commits that, once stuck, wait until released.</summary>
    private sealed class StuckCommits : IStoreFaults, IDisposable
    {
        private readonly ManualResetEventSlim _released = new(initialState: true);

        /// <summary>Set once a commit is stuck.</summary>
        public ManualResetEventSlim Entered { get; } = new();

        public void Stick() => _released.Reset();

        public void Unstick() => _released.Set();

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
            Entered.Dispose();
        }

        public void BeforeCommit()
        {
            if (!_released.IsSet)
            {
                Entered.Set();
                _released.Wait();
            }
        }
    }
}
