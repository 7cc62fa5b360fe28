using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Engine;

/// <summary>
/// The engine's one loop: sampling ticks, commands and heartbeats are queued and handled in
/// order on a single task, so the engine never sees two callers at once. What a step writes is
/// committed when the step is over (<see cref="IStepWrites"/>), after its callers have their answers.
/// </summary>
public sealed partial class PowerEngineLoop : IHostedService
{
    /// <summary>Work items in one step at most, so a step's commit stays small and others wait briefly for the store.</summary>
    private const int MaxStepWork = 32;

    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PowerEngine _engine;
    private readonly SnapshotHub _hub;
    private readonly ILogger<PowerEngineLoop> _logger;
    private readonly IStepWrites? _writes;
    private Task? _loop;

    public PowerEngineLoop(PowerEngine engine, SnapshotHub hub, ILogger<PowerEngineLoop> logger, IStepWrites? writes = null)
    {
        _engine = engine;
        _hub = hub;
        _logger = logger;
        _writes = writes;
    }

    public PowerEngine Engine => _engine;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _hub.Sampled += OnSampled;
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _hub.Sampled -= OnSampled;
        _work.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the loop and returns its result.</summary>
    public Task<T> RunAsync<T>(Func<PowerEngine, T> work) => Queue(work, TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, but the caller goes on on the loop itself, right after
    /// <paramref name="work"/> and up to its next await: a request whose answer is ready when the
    /// loop has done its part sends it at once, ahead of the step's commit and broadcasts, with no
    /// hand-off to another thread. What follows the await must be quick and must not block.
    /// </summary>
    public Task<T> RunAndContinueAsync<T>(Func<PowerEngine, T> work) => Queue(work, TaskCreationOptions.None);

    public Task<CommandResult> ExecuteAsync(SlotCommand command) => RunAsync(e => e.Execute(command));

    public void Post(Action<PowerEngine> work) => _work.Writer.TryWrite(() => work(_engine));

    private Task<T> Queue<T>(Func<PowerEngine, T> work, TaskCreationOptions continuations)
    {
        var done = new TaskCompletionSource<T>(continuations);
        var queued = _work.Writer.TryWrite(() =>
        {
            try
            {
                done.SetResult(work(_engine));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (!queued)
        {
            done.SetException(new InvalidOperationException("The power engine has stopped."));
        }

        return done.Task;
    }

    private void OnSampled(object? sender, ChassisSnapshot snapshot) => Post(e => e.OnSnapshot(snapshot));

    /// <summary>
    /// Works off what is queued, up to <see cref="MaxStepWork"/> items in one step of writes: a flood
    /// of commands costs one commit per step, not one per command.
    /// </summary>
    private async Task RunAsync()
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync())
        {
            using (_writes?.Begin())
            {
                for (var done = 0; done < MaxStepWork && reader.TryRead(out var work); done++)
                {
                    Run(work);
                }
            }
        }
    }

    private void Run(Action work)
    {
        try
        {
            work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWorkFailed(e);
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Power engine work failed")]
    private partial void LogWorkFailed(Exception exception);
}
