using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>Registers the Redfish service when <c>Redfish:Enabled</c> is set, or unset and simulating; without it nothing listens.</summary>
public static class RedfishServices
{
    public static IServiceCollection AddPiChassisRedfish(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = configuration.GetValue<bool?>($"{RedfishOptions.Section}:Enabled")
            ?? configuration.GetValue<bool>($"{SimulationOptions.Section}:Enabled");
        if (!enabled)
        {
            return services;
        }

        services.TryAddSingleton<RedfishAccounts>();
        services.TryAddSingleton<RedfishSessions>();
        services.TryAddSingleton<BootOverrides>();
        services.TryAddSingleton<RedfishGate>();
        services.TryAddSingleton<ServiceEndpoints>();
        services.TryAddSingleton<SystemEndpoints>();
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
