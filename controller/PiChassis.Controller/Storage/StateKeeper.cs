using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;

namespace PiChassis.Controller.Storage;

/// <summary>
/// Keeps the engine's state in the store. At start it puts the stored state back into the engine
/// (on the engine loop, before the first sweep) and lets the engine reconcile it with the adopted
/// hardware; then it writes each slot's state when it changes, the energy counters every flush
/// interval (syncing the disk), and both on a clean stop. It touches the engine only on its loop;
/// the slow, synced energy write happens off the loop.
/// </summary>
public sealed partial class StateKeeper : PeriodicService
{
    private readonly StateStore _store;
    private readonly PowerEngineLoop _loop;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StateKeeper> _logger;
    private readonly Lock _saving = new();
    private readonly Dictionary<int, PersistedSlot> _written = [];
    private readonly Lock _ticking = new();
    private Task _periodic = Task.CompletedTask;
    private bool _flushing;
    private bool _due;
    private long _flushStarted;
    private long _reads;
    private long _saved;

    public StateKeeper(StateStore store, PowerEngineLoop loop, IOptions<StorageOptions> options, TimeProvider time, ILogger<StateKeeper> logger)
        : base(time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _loop = loop;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The <c>controller_started</c> event of this run, once started.</summary>
    public ChassisEvent? Started { get; private set; }

    protected override TimeSpan Period => _options.EnergyFlushInterval;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = _store.Load();
        Started = await _loop.RunAsync(engine => Start(engine, stored));
        _store.MarkRunning();
        await FlushAsync();
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (await FlushAsync(stopping: true))
        {
            _store.MarkStopped();
        }
    }

    /// <summary>
    /// Starts a flush; its write completes off the engine loop. While the last one still waits for the
    /// disk (an SD card's sync that stalls), ticks add no other behind it: one more runs once it is
    /// written, with the counters of then, so nothing piles up in memory or holds a thread meanwhile.
    /// </summary>
    public override void Tick()
    {
        lock (_ticking)
        {
            if (_flushing)
            {
                if (!_due)
                {
                    _due = true;
                    LogFlushStalled(_time.GetElapsedTime(_flushStarted));
                }

                return;
            }

            _flushing = true;
        }

        _periodic = FlushWhileDueAsync();
    }

    /// <summary>Writes any slot state not yet written and the energy counters; callable on its own, so tests need no timer.</summary>
    public Task<bool> FlushAsync() => FlushAsync(stopping: false);

    /// <summary>Waits for the periodic flush under way, e.g. before a test ends a run as a crash would.</summary>
    internal Task WhenIdleAsync() => _periodic;

    private async Task FlushWhileDueAsync()
    {
        var flushing = true;
        try
        {
            while (flushing)
            {
                _flushStarted = _time.GetTimestamp();
                await FlushAsync();
                lock (_ticking)
                {
                    flushing = _flushing = _due;
                    _due = false;
                }
            }
        }
        finally
        {
            if (flushing)
            {
                // A flush that threw must not keep the ticks after it from flushing.
                lock (_ticking)
                {
                    _flushing = _due = false;
                }
            }
        }
    }

    // The counters are read on the loop; the synced write happens off it. Reads are numbered in loop
    // order, so a flush that is overtaken never writes older counters over newer ones.
    private async Task<bool> FlushAsync(bool stopping)
    {
        try
        {
            var (read, day, energy, at) = await _loop.RunAsync(engine =>
            {
                if (stopping)
                {
                    engine.StateChanged -= OnStateChanged;
                }

                Save(engine.Persisted());
                return (++_reads, engine.Energy.Day, engine.Energy.All, _time.GetUtcNow());
            });
            Task<bool> saved;
            lock (_saving)
            {
                if (read < _saved)
                {
                    return true;
                }

                // Queued under the lock, so the writer takes the reads in order; waited for outside it.
                _saved = read;
                saved = _store.SaveEnergyAsync(day, energy, at);
            }

            return await saved;
        }
        catch (InvalidOperationException)
        {
            LogLoopStopped();
            return false;
        }
    }

    private ChassisEvent Start(PowerEngine engine, StoredState stored)
    {
        foreach (var slot in stored.Slots)
        {
            engine.Restore(slot);
        }

        if (stored.EnergyDay is { } day)
        {
            engine.Energy.Restore(day, stored.Energy);
        }

        engine.StateChanged += OnStateChanged;
        var started = engine.StartUp(Describe(_store.Database, stored.PreviousStop));
        Save(engine.Persisted());
        if (stored.EnergyDay is { } energyDay)
        {
            LogStarted(stored.Slots.Count, energyDay, _store.Database.Status, stored.PreviousStop);
        }
        else
        {
            LogStartedWithoutEnergy(stored.Slots.Count, _store.Database.Status, stored.PreviousStop);
        }
        return started;
    }

    // Raised on the engine loop, inside the engine, right after the change.
    private void OnStateChanged(object? sender, SlotState state) => Save([_loop.Engine.Persisted(state.Slot)]);

    private void Save(IEnumerable<PersistedSlot> slots)
    {
        var changed = slots.Where(s => !_written.TryGetValue(s.Slot, out var written) || written != s).ToList();
        if (changed.Count > 0 && _store.SaveSlots(changed, _time.GetUtcNow()))
        {
            foreach (var slot in changed)
            {
                _written[slot.Slot] = slot;
            }
        }
    }

    private static JsonObject Describe(StoreDatabase database, PreviousStop previous)
    {
        var store = new JsonObject
        {
            ["status"] = database.Status switch
            {
                StoreStatus.InMemory => "in_memory",
                var status => status.ToString().ToLowerInvariant(),
            },
            ["previous_stop"] = previous.ToString().ToLowerInvariant(),
        };
        if (database.Problem is { } problem)
        {
            store["problem"] = problem;
        }

        if (database.SetAsidePath is { } aside)
        {
            store["set_aside"] = aside;
        }

        return store;
    }
}
