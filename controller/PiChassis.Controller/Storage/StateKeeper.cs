using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>
/// Keeps the engine's state in the store. At start it puts the stored state back into the engine
/// (on the engine loop, before the first sweep) and lets the engine reconcile it with the adopted
/// hardware; then it writes each slot's state when it changes, the energy counters every flush
/// interval, and both on a clean stop. Everything it does with the engine runs on the engine loop.
/// </summary>
public sealed partial class StateKeeper(
    StateStore store,
    PowerEngineLoop loop,
    IOptions<StorageOptions> options,
    TimeProvider time,
    Microsoft.Extensions.Logging.ILogger<StateKeeper> logger) : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<int, PersistedSlot> _written = [];
    private ITimer? _timer;

    /// <summary>The <c>controller_started</c> event of this run, once started.</summary>
    public ChassisEvent? Started { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = store.Load();
        Started = await loop.RunAsync(engine => Start(engine, stored));
        store.MarkRunning();
        var interval = options.Value.EnergyFlushInterval;
        _timer = time.CreateTimer(_ => _ = FlushAsync(), null, interval, interval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        try
        {
            await loop.RunAsync(engine =>
            {
                engine.StateChanged -= OnStateChanged;
                return Flush(engine);
            });
            store.MarkStopped();
        }
        catch (InvalidOperationException)
        {
            LogLoopStopped();
        }
    }

    public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Writes the energy counters and any slot state not yet written; callable on its own, so tests need no timer.</summary>
    public async Task<bool> FlushAsync()
    {
        try
        {
            return await loop.RunAsync(Flush);
        }
        catch (InvalidOperationException)
        {
            // The loop has stopped: StopAsync has flushed already.
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
        var started = engine.StartUp(Describe(store.Database, stored.PreviousStop));
        Flush(engine);
        LogStarted(stored.Slots.Count, stored.EnergyDay, store.Database.Status, stored.PreviousStop);
        return started;
    }

    private bool Flush(PowerEngine engine)
    {
        Save(engine.Persisted());
        return store.SaveEnergy(engine.Energy.Day, engine.Energy.All, time.GetUtcNow());
    }

    // Raised on the engine loop, inside the engine, right after the change.
    private void OnStateChanged(object? sender, SlotState state) => Save([loop.Engine.Persisted(state.Slot)]);

    private void Save(IEnumerable<PersistedSlot> slots)
    {
        var changed = slots.Where(s => !_written.TryGetValue(s.Slot, out var written) || written != s).ToList();
        if (changed.Count > 0 && store.SaveSlots(changed, time.GetUtcNow()))
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
