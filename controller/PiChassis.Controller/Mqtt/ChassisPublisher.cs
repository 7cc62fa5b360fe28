using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PiChassis.Shared.Mqtt;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Everything the controller publishes, in order, from one task: slot states on every change,
/// info when a name or policy changes, telemetry by period and deadband, events in seq order
/// from the journal, and on every (re)connect the full picture (info, discovery, states,
/// telemetry) before <c>status</c> says <c>online</c> and the events raised meanwhile follow.
/// While the broker is away states and telemetry are dropped (the reconnect sends them fresh);
/// events wait in the journal.
/// </summary>
public sealed partial class ChassisPublisher : IAsyncDisposable
{
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
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
    private readonly TelemetryGate _gate;
    private readonly Dictionary<int, (string Node, SlotPolicy Policy)> _infoSlots = [];
    private long _publishedSeq;
    private int _pumpQueued;
    private ITimer? _timer;
    private Task? _run;

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
        ILogger<ChassisPublisher> logger)
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
        _events.Appended += OnAppended;
        _hub.Sampled += OnSampled;
        _timer = _time.CreateTimer(_ => Enqueue(() => PublishTelemetryAsync(null)), null, _telemetry.PublishInterval, _telemetry.PublishInterval);
        _run = Task.Run(RunAsync, CancellationToken.None);
    }

    public async Task StopAsync()
    {
        _connection.Connected -= OnConnected;
        _loop.Engine.StateChanged -= OnStateChanged;
        _events.Appended -= OnAppended;
        _hub.Sampled -= OnSampled;
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        _work.Writer.TryComplete();
        if (_run is not null)
        {
            await _run;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Home Assistant came (back) online: it wants the discovery again.</summary>
    public void OnHomeAssistantOnline() => Enqueue(PublishDiscoveryAsync);

    private void OnConnected(object? sender, EventArgs e) => Enqueue(RepublishAsync);

    private void OnStateChanged(object? sender, SlotState state) => Enqueue(() => PublishStateAsync(state));

    private void OnAppended(object? sender, ChassisEvent e)
    {
        if (Interlocked.Exchange(ref _pumpQueued, 1) == 0)
        {
            Enqueue(PumpEventsAsync);
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
}
