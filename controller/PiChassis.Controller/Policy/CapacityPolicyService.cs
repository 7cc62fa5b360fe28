using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Policy;

/// <summary>
/// Runs the <see cref="CapacityPolicy"/> on the engine's loop: evaluates it at the policy interval
/// on the injected clock with the latest snapshot, and gives the MQTT interface and the CLI an
/// asynchronous, thread-safe way to set targets, scheduled capacity and leases.
/// </summary>
public sealed partial class CapacityPolicyService(
    CapacityPolicy policy,
    PowerEngineLoop loop,
    SnapshotHub hub,
    TimeProvider time,
    IOptions<PolicyOptions> options,
    ILogger<CapacityPolicyService> logger) : IHostedService, IAsyncDisposable
{
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.Interval;
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The scheduler's <c>capacity</c> request: <paramref name="nodes"/> running, at least <paramref name="minSpare"/> idle.</summary>
    public Task<CapacityResult> SetTargetAsync(int nodes, int? minSpare, string source) =>
        loop.RunAsync(_ => policy.SetTarget(nodes, minSpare, source));

    /// <summary>A <c>capacity</c> request with <c>at</c>: <paramref name="nodes"/> from <paramref name="at"/> until <paramref name="until"/>, asked by <paramref name="requester"/>.</summary>
    public Task<CapacityResult> ScheduleAsync(int nodes, int? minSpare, DateTimeOffset at, DateTimeOffset? until, string requester, string source) =>
        loop.RunAsync(_ => policy.Schedule(nodes, minSpare, at, until, requester, source));

    /// <summary>Cancels scheduled entry <paramref name="id"/>, when <paramref name="requester"/> made it.</summary>
    public Task<CapacityResult> CancelScheduleAsync(string id, string requester, string source) =>
        loop.RunAsync(_ => policy.CancelSchedule(id, requester, source));

    /// <summary>The status with every scheduled entry.</summary>
    public Task<CapacityResult> ScheduleStatusAsync() => loop.RunAsync(_ => policy.ScheduleStatus());

    /// <summary>A lease from <c>power on</c>: the policy keeps the slot on until <paramref name="until"/>.</summary>
    public Task<CommandResult> SetLeaseAsync(int slot, DateTimeOffset until, string source) =>
        loop.RunAsync(_ => policy.SetLease(slot, until, source));

    public Task<CapacityResult> StatusAsync() => loop.RunAsync(_ => policy.Status());

    /// <summary>One evaluation, queued on the engine's loop behind the snapshots already there.</summary>
    public void Tick()
    {
        if (hub.Latest is not { } snapshot)
        {
            return;
        }

        loop.Post(_ =>
        {
            try
            {
                policy.Evaluate(snapshot);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogEvaluationFailed(e);
            }
        });
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Error, Message = "Capacity policy evaluation failed")]
    private partial void LogEvaluationFailed(Exception exception);
}
