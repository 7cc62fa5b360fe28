using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PiChassis.Controller.Systemd;

/// <summary>Registers the systemd notification (READY, watchdog, STOPPING); inert when not run by systemd.</summary>
public static class SystemdServices
{
    public static IServiceCollection AddPiChassisSystemd(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => SystemdEnvironment.FromProcess());
        services.TryAddSingleton(sp => new SystemdNotifier(sp.GetRequiredService<SystemdEnvironment>().NotifySocket));
        services.TryAddSingleton<SystemdWatchdogService>();
        services.AddHostedService(sp => sp.GetRequiredService<SystemdWatchdogService>());
        return services;
    }
}
