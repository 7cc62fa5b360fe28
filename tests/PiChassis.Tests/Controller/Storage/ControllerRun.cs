using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>
/// One run of the controller's core on a real store in a data directory: the engine rig, its loop
/// and the state keeper, ticked by hand on a fake clock. <see cref="Crash"/> abandons the run as a
/// SIGKILL would; a new run on the same relays and directory is the restart.
/// </summary>
internal sealed class ControllerRun
{
    private readonly FakeTimeProvider _steady;
    private readonly SnapshotHub _hub = new();

    /// <param name="time">The clock the controller reads; <paramref name="steady"/> unless its wall time is to jump.</param>
    public ControllerRun(
        string dataDir,
        FakeTimeProvider steady,
        IReadOnlyList<RecordingRelay> relays,
        TimeProvider? time = null,
        StorageOptions? storage = null,
        IReadOnlyList<RestorePolicy>? restore = null,
        Microsoft.Extensions.Logging.ILogger? storeLogger = null,
        IStoreFaults? storeFaults = null,
        Action<PowerOptions>? power = null,
        Microsoft.Extensions.Logging.ILogger<StateKeeper>? keeperLogger = null)
    {
        _steady = steady;
        time ??= steady;
        Storage = storage ?? new StorageOptions();
        Storage.DataDir = dataDir;
        Database = StoreDatabase.Open(dataDir, time, storeLogger ?? NullLogger.Instance, storeFaults);
        Journal = new SqliteEventJournal(Database, Storage.JournalMaxAge, Storage.JournalMaxEvents);
        Rig = new EngineRig(time, Journal, relays, restore, power, powerOns: new StoredPowerOns(Database));
        Loop = new PowerEngineLoop(Rig.Engine, _hub, NullLogger<PowerEngineLoop>.Instance, Database, time);
        Keeper = new StateKeeper(new StateStore(Database), Loop, Microsoft.Extensions.Options.Options.Create(Storage), time, keeperLogger ?? NullLogger<StateKeeper>.Instance);
    }

    public StorageOptions Storage { get; }

    public StoreDatabase Database { get; }

    public SqliteEventJournal Journal { get; }

    public EngineRig Rig { get; }

    public PowerEngineLoop Loop { get; }

    public StateKeeper Keeper { get; }

    /// <summary>Starts as the host does: the loop, then the keeper (which restores and reconciles).</summary>
    public async Task StartAsync()
    {
        await Loop.StartAsync(CancellationToken.None);
        await Keeper.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Lets <paramref name="duration"/> pass in sweeps of <paramref name="interval"/>, each handed to
    /// the engine and handled before the clock moves on (the engine reads the clock when it handles it).
    /// </summary>
    public async Task RunAsync(TimeSpan duration, TimeSpan interval)
    {
        await SweepAsync(duration, interval);
        await Keeper.WhenIdleAsync();
        await Database.FlushAsync();
    }

    /// <summary>Sweeps as <see cref="RunAsync"/> does, without waiting for the store.</summary>
    public async Task SweepAsync(TimeSpan duration, TimeSpan interval)
    {
        for (var passed = TimeSpan.Zero; passed < duration; passed += interval)
        {
            _steady.Advance(interval);
            _hub.Publish(Rig.Sweep());
            await Loop.RunAsync(_ => 0);
        }
    }

    public Task<T> OnLoopAsync<T>(Func<PowerEngine, T> read) => Loop.RunAsync(read);

    /// <summary>A clean stop, in the host's order: the keeper flushes, then the loop ends.</summary>
    public async Task StopAsync()
    {
        await Keeper.StopAsync(CancellationToken.None);
        await Loop.StopAsync(CancellationToken.None);
        await Keeper.DisposeAsync();
        Database.Dispose();
    }

    /// <summary>As SIGKILL: nothing more is written; what was committed stays.</summary>
    public async Task Crash()
    {
        await Keeper.DisposeAsync();
        await Loop.StopAsync(CancellationToken.None);
        Database.Dispose();
    }
}
