using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Controller.Policy;

/// <summary>Registers the energy policy: its settings (section <c>Policy</c>), the policy with its demand profile and scheduled capacity (kept in the store when one is registered) and its service.</summary>
public static class PolicyServices
{
    public static IServiceCollection AddPiChassisPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PolicyOptions>().BindReadable(configuration.GetSection(PolicyOptions.Section), (s, o) => s.Bind(o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PolicyOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();

            // The profile and scheduled capacity are loaded from the store, when there is one, so a restart keeps them.
            var store = sp.GetService<StoreDatabase>();
            var history = store is null ? null : new StoredDemand(store);
            return new CapacityPolicy(
                sp.GetRequiredService<PowerEngine>(),
                options,
                sp.GetRequiredService<ChassisEvents>(),
                time,
                sp.GetRequiredService<ILogger<CapacityPolicy>>(),
                options.Learn ? new DemandProfile(time, options.ProfileRetention, options.ProfileWindow, history) : null,
                store is null ? null : new StoredSchedules(store));
        });
        services.TryAddSingleton<CapacityPolicyService>();
        services.AddHostedService(sp => sp.GetRequiredService<CapacityPolicyService>());
        return services;
    }
}
