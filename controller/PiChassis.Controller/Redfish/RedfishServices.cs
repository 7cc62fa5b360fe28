using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Metrics;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Registers the controller's HTTP server when Redfish is on (<c>Redfish:Enabled</c> set, or unset and
/// simulating), <c>/metrics</c> is (<c>Metrics:Enabled</c>) or the autoscaler's service is
/// (<c>Autoscaler:Enabled</c>); without any nothing listens.
/// </summary>
public static class RedfishServices
{
    public static IServiceCollection AddPiChassisRedfish(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var redfish = (ReadableSettings.Switch(configuration, $"{RedfishOptions.Section}:Enabled")
            ?? ReadableSettings.Switch(configuration, $"{SimulationOptions.Section}:Enabled")) == true;
        var metrics = MetricsServices.IsEnabled(configuration);
        var autoscaler = AutoscalerServices.IsEnabled(configuration);
        if (!redfish && !metrics && !autoscaler)
        {
            return services;
        }

        services.TryAddSingleton(new HttpFeatures(redfish, metrics, autoscaler));
        services.TryAddSingleton<RedfishAccounts>();
        services.TryAddSingleton<RedfishSessions>();
        services.TryAddSingleton<BootOverrides>();
        services.TryAddSingleton<RedfishRequestLimit>();
        services.TryAddSingleton<RedfishGate>();
        services.TryAddSingleton<ServiceEndpoints>();
        services.TryAddSingleton<SystemEndpoints>();
        services.TryAddSingleton<ChassisEndpoints>();
        services.TryAddSingleton<ManagerEndpoints>();
        services.TryAddSingleton<SessionEndpoints>();
        services.TryAddSingleton<AccountEndpoints>();
        services.TryAddSingleton<EventFeed>();
        services.TryAddSingleton<ServerSentEvents>();
        services.TryAddSingleton<EventServiceEndpoints>();
        services.TryAddSingleton<RedfishServer>();
        services.AddHostedService(sp => sp.GetRequiredService<RedfishServer>());
        return services;
    }
}
