using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Metrics;

/// <summary>Registers <c>/metrics</c> when <c>Metrics:Enabled</c> is set; the HTTP server (Redfish's Kestrel) maps it.</summary>
public static class MetricsServices
{
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ReadableSettings.Switch(configuration, $"{MetricsOptions.Section}:Enabled") == true;
    }

    public static IServiceCollection AddPiChassisMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.TryAddSingleton(sp => new ChassisMetrics(sp.GetRequiredService<IOptions<ChassisOptions>>().Value.Id));
        services.TryAddSingleton<MetricsEndpoint>();
        return services;
    }
}
