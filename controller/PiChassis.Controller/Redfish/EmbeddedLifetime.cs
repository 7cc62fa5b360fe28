using Microsoft.Extensions.Hosting;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The Redfish application's lifetime: it starts and stops with the controller's host, which alone
/// listens for SIGTERM and Ctrl-C. The default console lifetime would stop Redfish on a signal by
/// itself and print the web host's start-up lines.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
