using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Controller.Hosting;

/// <summary>
/// Watches the parts whose death would leave a controller that looks alive but protects nothing:
/// the engine loop and the store's writer. When one faults it logs why and stops the host, and the
/// program exits with <see cref="ControllerFault.ExitCode"/> so that systemd restarts it.
/// </summary>
public sealed partial class ControllerSupervisor(
    PowerEngineLoop loop,
    ControllerFault fault,
    IHostApplicationLifetime lifetime,
    ILogger<ControllerSupervisor> logger,
    StoreDatabase? store = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The loop is started before this service (registration order), so its task is the running one.
        _ = WatchAsync(loop.Completion, "the power engine loop");
        if (store is not null)
        {
            _ = WatchAsync(store.Completion, "the store's writer");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WatchAsync(Task part, string what)
    {
        try
        {
            await part;
        }
        catch (Exception e)
        {
            if (fault.Report(what))
            {
                LogFaulted(what, e);
                lifetime.StopApplication();
            }
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Critical, Message = "{What} failed: the controller stops with exit code 70 so that it is restarted")]
    private partial void LogFaulted(string what, Exception exception);
}
