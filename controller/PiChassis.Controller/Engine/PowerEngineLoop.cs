using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Engine;

/// <summary>
/// The engine's one loop: sampling ticks, commands and heartbeats are queued and handled in
/// order on a single task, so the engine never sees two callers at once.
/// </summary>
public sealed partial class PowerEngineLoop : IHostedService
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PowerEngine _engine;
    private readonly SnapshotHub _hub;
    private readonly ILogger<PowerEngineLoop> _logger;
    private Task? _loop;

    public PowerEngineLoop(PowerEngine engine, SnapshotHub hub, ILogger<PowerEngineLoop> logger)
    {
        _engine = engine;
        _hub = hub;
        _logger = logger;
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
    public Task<T> RunAsync<T>(Func<PowerEngine, T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
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

    public Task<CommandResult> ExecuteAsync(SlotCommand command) => RunAsync(e => e.Execute(command));

    public void Post(Action<PowerEngine> work) => _work.Writer.TryWrite(() => work(_engine));

    private void OnSampled(object? sender, ChassisSnapshot snapshot) => Post(e => e.OnSnapshot(snapshot));

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
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
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Power engine work failed")]
    private partial void LogWorkFailed(Exception exception);
}
