using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Engine;

/// <summary>
/// The engine's one loop: sampling ticks, commands and heartbeats are handled in order on a single
/// task, so the engine never sees two callers at once. Each step handles the newest sweep first
/// (protection never waits behind commands), then up to <see cref="MaxStepWork"/> queued items; what
/// the step writes is handed to the store's writer when the step is over (<see cref="IStepWrites"/>),
/// never waited for. Queues are bounded: sweeps coalesce to the newest, and work beyond
/// <see cref="MaxQueuedWork"/> is refused (callers answer <c>unavailable</c>). Work that throws is a
/// bug that may have left the engine half-changed: the loop stops and <see cref="Completion"/>
/// faults, which stops the controller (see <see cref="EngineSupervisor"/>).
/// </summary>
public sealed partial class PowerEngineLoop : IHostedService
{
    /// <summary>Work items in one step at most, so a sweep waits for at most this many commands.</summary>
    public const int MaxStepWork = 32;

    /// <summary>Queued work items at most; a flood beyond this is refused rather than queued.</summary>
    public const int MaxQueuedWork = 4096;

    private readonly Channel<WorkItem> _work = Channel.CreateBounded<WorkItem>(
        new BoundedChannelOptions(MaxQueuedWork) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Rung after anything is queued; one ring wakes the loop for everything queued until it runs.
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly PowerEngine _engine;
    private readonly SnapshotHub _hub;
    private readonly ILogger<PowerEngineLoop> _logger;
    private readonly IStepWrites? _writes;
    private readonly TimeProvider _time;
    private readonly StepTimes _stepTimes = new();
    private ChassisSnapshot? _pendingSnapshot;
    private long _lastStep = long.MinValue;
    private volatile bool _stopping;
    private Task _loop = Task.CompletedTask;

    public PowerEngineLoop(PowerEngine engine, SnapshotHub hub, ILogger<PowerEngineLoop> logger, IStepWrites? writes = null, TimeProvider? time = null)
    {
        _engine = engine;
        _hub = hub;
        _logger = logger;
        _writes = writes;
        _time = time ?? TimeProvider.System;
    }

    public PowerEngine Engine => _engine;

    /// <summary>Completes when the loop has stopped; faulted when engine work threw.</summary>
    public Task Completion => _loop;

    /// <summary>When the last step ended (a <see cref="TimeProvider"/> timestamp); null before the first.</summary>
    public long? LastStepAt => Interlocked.Read(ref _lastStep) is var last && last != long.MinValue ? last : null;

    /// <summary>How long steps took, for the performance figures.</summary>
    public StepTimes StepTimes => _stepTimes;

    /// <summary>True while the store's writer is too far behind to take more commands.</summary>
    public bool StoreBehind => _writes?.IsBehind ?? false;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _hub.Sampled += OnSampled;
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _hub.Sampled -= OnSampled;
        _stopping = true;
        _work.Writer.TryComplete();
        _doorbell.Writer.TryWrite(true);
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown time is up (other services may have spent it): stopping goes on
            // without the loop's last steps rather than failing the whole stop.
            LogStopTimedOut();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A faulted loop has been reported by the supervisor; stopping goes on.
        }
    }

    /// <summary>Runs <paramref name="work"/> on the loop and returns its result; refused when the queue is full or the loop stopped.</summary>
    public Task<T> RunAsync<T>(Func<PowerEngine, T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(engine => done.SetResult(work(engine)), e => done.TrySetException(e));
        if (!TryQueue(item))
        {
            done.SetException(new InvalidOperationException(_stopping || _loop.IsCompleted
                ? "The power engine has stopped."
                : $"The power engine has {MaxQueuedWork} items queued: try again shortly."));
        }

        return done.Task;
    }

    public Task<CommandResult> ExecuteAsync(SlotCommand command) => RunAsync(e => e.Execute(command));

    /// <summary>Queues <paramref name="work"/> with no answer; false when it was refused.</summary>
    public bool Post(Action<PowerEngine> work) => TryQueue(new WorkItem(work, null));

    private bool TryQueue(WorkItem item)
    {
        if (!_work.Writer.TryWrite(item))
        {
            return false;
        }

        _doorbell.Writer.TryWrite(true);
        return true;
    }

    private void OnSampled(object? sender, ChassisSnapshot snapshot)
    {
        // Only the newest sweep matters: one not yet handled is replaced, never queued behind.
        Volatile.Write(ref _pendingSnapshot, snapshot);
        _doorbell.Writer.TryWrite(true);
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _doorbell.Reader.WaitToReadAsync())
            {
                _doorbell.Reader.TryRead(out _);
                while (Step())
                {
                }

                if (_stopping && !_work.Reader.TryPeek(out _))
                {
                    return;
                }
            }
        }
        catch (Exception e)
        {
            LogLoopFaulted(e);
            _work.Writer.TryComplete(e);
            while (_work.Reader.TryRead(out var left))
            {
                left.Fail?.Invoke(e);
            }

            throw;
        }
    }

    /// <summary>One step: the newest sweep, then up to <see cref="MaxStepWork"/> items; false when there was nothing to do.</summary>
    private bool Step()
    {
        var snapshot = Interlocked.Exchange(ref _pendingSnapshot, null);
        if (snapshot is null && !_work.Reader.TryPeek(out _))
        {
            return false;
        }

        var started = _time.GetTimestamp();
        using (_writes?.Begin())
        {
            if (snapshot is not null)
            {
                _engine.OnSnapshot(snapshot);
            }

            for (var done = 0; done < MaxStepWork && _work.Reader.TryRead(out var item); done++)
            {
                Run(item);
            }
        }

        var ended = _time.GetTimestamp();
        _stepTimes.Add(_time.GetElapsedTime(started, ended));
        Interlocked.Exchange(ref _lastStep, ended);
        return true;
    }

    private void Run(WorkItem item)
    {
        try
        {
            item.Work(_engine);
        }
        catch (Exception e)
        {
            item.Fail?.Invoke(e);
            throw;
        }
    }

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "The power engine loop had not finished its queued work when the shutdown time ran out; stopping without it")]
    private partial void LogStopTimedOut();

    [LoggerMessage(EventId = 210, Level = LogLevel.Critical, Message = "The power engine loop failed and has stopped: protection no longer runs")]
    private partial void LogLoopFaulted(Exception exception);

    private readonly record struct WorkItem(Action<PowerEngine> Work, Action<Exception>? Fail);
}
