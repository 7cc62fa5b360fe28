using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Policy;

/// <summary>Registers the energy policy: its settings (section <c>Policy</c>), the policy and its service.</summary>
public static class PolicyServices
{
    public static IServiceCollection AddPiChassisPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection(PolicyOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>());
        services.TryAddSingleton(sp => new CapacityPolicy(
            sp.GetRequiredService<PowerEngine>(),
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value,
            sp.GetRequiredService<ChassisEvents>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CapacityPolicy>>()));
        services.TryAddSingleton<CapacityPolicyService>();
        services.AddHostedService(sp => sp.GetRequiredService<CapacityPolicyService>());
        return services;
    }
}
