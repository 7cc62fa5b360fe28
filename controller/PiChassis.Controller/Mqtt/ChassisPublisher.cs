using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PiChassis.Shared.Mqtt;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Storage;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Everything the controller publishes, in order, from one task: slot states on every change,
/// info when a name or policy changes, telemetry by period and deadband, events in seq order
/// from the journal, and on every (re)connect the full picture (info, discovery, states,
/// telemetry) before <c>status</c> says <c>online</c> and the events raised meanwhile follow.
/// While the broker is away states and telemetry are dropped (the reconnect sends them fresh);
/// events wait in the journal and go out once durable. The queue is bounded: slot states coalesce
/// to the newest per slot and events are pumped from the journal, so neither needs a queue entry
/// of its own; telemetry and republishing beyond <see cref="MaxQueued"/> are dropped (the next
/// period or reconnect sends them fresh).
/// </summary>
public sealed partial class ChassisPublisher : IAsyncDisposable
{
    /// <summary>Queued publishing work at most.</summary>
    public const int MaxQueued = 256;

    /// <summary>
    /// What is queued at a stop is published for this long at most: a broker that stopped answering
    /// (each publish waits up to 10 s for it) must not hold the stop past systemd's 30 s and lose the
    /// store's last flush to its kill.
    /// </summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    private readonly Channel<Func<Task>> _work = Channel.CreateBounded<Func<Task>>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<int, SlotState> _pendingStates = new();
    private readonly MqttConnection _connection;
    private readonly FanController _fan;
    private readonly Topics _topics;
    private readonly PowerEngineLoop _loop;
    private readonly ChassisEvents _events;
    private readonly SnapshotHub _hub;
    private readonly NodeIdentity _identity;
    private readonly MqttOptions _mqtt;
    private readonly TelemetryOptions _telemetry;
    private readonly PowerOptions _power;
    private readonly ChassisOptions _chassis;
    private readonly TimeProvider _time;
    private readonly ILogger<ChassisPublisher> _logger;
    private readonly StoreDatabase? _store;
    private readonly TelemetryGate _gate;
    private readonly Dictionary<int, (string Node, SlotPolicy Policy, string? PendingNode)> _infoSlots = [];
    private long _publishedSeq;
    private int _signalled;
    private int _eventsPending;
    private ITimer? _timer;
    private Task? _run;
    private volatile bool _abandoned;

    public ChassisPublisher(
        MqttConnection connection,
        Topics topics,
        PowerEngineLoop loop,
        ChassisEvents events,
        SnapshotHub hub,
        NodeIdentity identity,
        IOptions<MqttOptions> mqtt,
        IOptions<TelemetryOptions> telemetry,
        IOptions<PowerOptions> power,
        IOptions<ChassisOptions> chassis,
        FanController fan,
        TimeProvider time,
        ILogger<ChassisPublisher> logger,
        StoreDatabase? store = null)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(power);
        ArgumentNullException.ThrowIfNull(chassis);
        _connection = connection;
        _fan = fan;
        _topics = topics;
        _loop = loop;
        _events = events;
        _hub = hub;
        _identity = identity;
        _mqtt = mqtt.Value;
        _telemetry = telemetry.Value;
        _power = power.Value;
        _chassis = chassis.Value;
        _time = time;
        _logger = logger;
        _store = store;
        _gate = new TelemetryGate(_telemetry.DeadbandW, _telemetry.MinInterval, time);

        // Events of this run start after what the journal held: earlier ones went out before (or are fetched with request/events).
        _publishedSeq = events.Journal.LastSeq;
    }

    /// <summary>Message expiry of the retained telemetry: three periods.</summary>
    public uint TelemetryExpiryS => (uint)Math.Ceiling(_telemetry.PublishInterval.TotalSeconds * 3);

    public void Start()
    {
        _connection.Connected += OnConnected;
        _loop.Engine.StateChanged += OnStateChanged;
        _events.Stored += OnStored;
        _hub.Sampled += OnSampled;
        _timer = _time.CreateTimer(_ => Enqueue(() => PublishTelemetryAsync(null)), null, _telemetry.PublishInterval, _telemetry.PublishInterval);
        _run = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Stops publishing once what is queued is out, or after <see cref="DrainTime"/> (or <paramref name="cancellationToken"/>) without it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _connection.Connected -= OnConnected;
        _loop.Engine.StateChanged -= OnStateChanged;
        _events.Stored -= OnStored;
        _hub.Sampled -= OnSampled;
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        _work.Writer.TryComplete();
        if (_run is not { IsCompleted: false } run || _abandoned)
        {
            return;
        }

        try
        {
            await run.WaitAsync(DrainTime, _time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The publish under way ends at its own timeout; nothing queued starts after it.
            _abandoned = true;
            LogDrainCut(_work.Reader.Count + 1);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Home Assistant came (back) online: it wants the discovery again.</summary>
    public void OnHomeAssistantOnline() => Enqueue(PublishDiscoveryAsync);

    private void OnConnected(object? sender, EventArgs e) => Enqueue(RepublishAsync);

    private void OnStateChanged(object? sender, SlotState state)
    {
        _pendingStates[state.Slot] = state;
        Signal();
    }

    private void OnStored(object? sender, ChassisEvent e)
    {
        Volatile.Write(ref _eventsPending, 1);
        Signal();
    }

    // One queue entry for any number of state changes and events; when the queue is full, the run
    // loop takes them after the work under way.
    private void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            Enqueue(PublishPendingAsync);
        }
    }

    private async Task PublishPendingAsync()
    {
        Volatile.Write(ref _signalled, 0);
        foreach (var slot in _pendingStates.Keys)
        {
            if (_pendingStates.TryRemove(slot, out var state))
            {
                await PublishStateAsync(state);
            }
        }

        if (Interlocked.Exchange(ref _eventsPending, 0) == 1)
        {
            await PumpEventsAsync();
        }
    }

    private void OnSampled(object? sender, ChassisSnapshot snapshot)
    {
        var due = _gate.Due(snapshot);
        if (due.Count > 0)
        {
            Enqueue(() => PublishTelemetryAsync(due));
        }
    }

    private void Enqueue(Func<Task> work) => _work.Writer.TryWrite(work);

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            if (_abandoned)
            {
                return;
            }

            await RunSafelyAsync(work);
            if (Volatile.Read(ref _signalled) == 1)
            {
                await RunSafelyAsync(PublishPendingAsync);
            }
        }
    }

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWorkFailed(e);
        }
    }
}
