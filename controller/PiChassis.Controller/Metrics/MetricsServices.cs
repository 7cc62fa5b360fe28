using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Metrics;

/// <summary>Registers the OpenMetrics endpoint when <c>Metrics:Enabled</c> is set; without it nothing listens.</summary>
public static class MetricsServices
{
    public static IServiceCollection AddPiChassisMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetValue<bool>($"{MetricsOptions.Section}:Enabled"))
        {
            return services;
        }

        services.TryAddSingleton(sp => new ChassisMetrics(sp.GetRequiredService<IOptions<ChassisOptions>>().Value.Id));
        services.TryAddSingleton<MetricsEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsEndpoint>());
        return services;
    }
}
