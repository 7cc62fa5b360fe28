using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Hosting.Systemd;

namespace PiChassis.Controller.Systemd;

/// <summary>Registers the systemd notification (READY, STOPPING, watchdog); inert when not run by systemd.</summary>
public static class SystemdServices
{
    public static IServiceCollection AddPiChassisSystemd(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => SystemdEnvironment.FromProcess());
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();

        // Not the library's AddSystemd(): it turns on only when the parent process is systemd, and
        // sd_notify(3) needs no more than NOTIFY_SOCKET (a wrapper in ExecStart, the end-to-end tests).
        // Without it the console lifetime stays, so Ctrl+C still stops a controller run by hand.
        services.AddSingleton<IHostLifetime>(sp => sp.GetRequiredService<ISystemdNotifier>().IsEnabled
            ? ActivatorUtilities.CreateInstance<SystemdLifetime>(sp)
            : ActivatorUtilities.CreateInstance<ConsoleLifetime>(sp));

        services.TryAddSingleton<SystemdWatchdogService>();
        services.AddHostedService(sp => sp.GetRequiredService<SystemdWatchdogService>());
        return services;
    }
}
