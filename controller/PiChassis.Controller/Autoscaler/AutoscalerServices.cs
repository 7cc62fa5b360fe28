using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Policy;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// Registers the autoscaler's settings (section <c>Autoscaler</c>, always checked) and, with
/// <c>Autoscaler:Enabled</c>, its node groups, the service and its listener on the controller's HTTP
/// server. The node groups tell the engine which slots are autoscaled.
/// </summary>
public static class AutoscalerServices
{
    public static IServiceCollection AddPiChassisAutoscaler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AutoscalerOptions>().BindReadable(configuration.GetSection(AutoscalerOptions.Section), (s, o) => s.Bind(o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AutoscalerOptions>, AutoscalerOptionsValidator>());
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.TryAddSingleton(sp => NodeGroupSet.Build(
            sp.GetRequiredService<IOptions<AutoscalerOptions>>().Value, sp.GetRequiredService<IOptions<ChassisOptions>>().Value, []));
        services.TryAddSingleton(sp => new RemoteSlots(
            sp.GetRequiredService<IOptions<AutoscalerOptions>>().Value, sp.GetRequiredService<NodeGroupSet>(), sp.GetRequiredService<ILogger<RemoteSlots>>()));
        services.TryAddSingleton(sp => new RemotePower(
            RequesterLevel(sp),
            message => sp.GetRequiredService<MqttConnection>().PublishAsync(message),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMqttTopicHandler>(sp => sp.GetRequiredService<RemoteSlots>());
        services.AddSingleton<IMqttTopicHandler>(sp => sp.GetRequiredService<RemotePower>());
        services.TryAddSingleton(sp => new NodeGroupActions(
            sp.GetRequiredService<NodeGroupSet>(),
            sp.GetRequiredService<RemoteSlots>(),
            sp.GetRequiredService<CapacityPolicy>(),
            ChassisId(sp),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CloudProviderService(
            sp.GetRequiredService<PowerEngineLoop>(),
            sp.GetRequiredService<NodeGroupActions>(),
            sp.GetRequiredService<RemotePower>(),
            ChassisId(sp),
            sp.GetRequiredService<ILogger<CloudProviderService>>()));
        services.TryAddSingleton(sp =>
        {
            var rate = sp.GetRequiredService<IOptions<AutoscalerOptions>>().Value.RequestsPerSecond;
            return new AutoscalerRateLimit(new KeyedRateLimits(rate, rate * 10, 256, sp.GetRequiredService<TimeProvider>()));
        });
        services.TryAddSingleton<AutoscalerEndpoint>();
        return services;
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        ReadableSettings.Switch(configuration, $"{AutoscalerOptions.Section}:Enabled") == true;

    /// <summary>This controller's requester level on other chassis: its broker user, else its client id (docs/mqtt-api.md, Conventions).</summary>
    private static string RequesterLevel(IServiceProvider sp)
    {
        var mqtt = sp.GetRequiredService<IOptions<MqttOptions>>().Value;
        return mqtt.Username is { Length: > 0 } user ? user : MqttServices.ClientId(mqtt, ChassisId(sp));
    }

    private static string ChassisId(IServiceProvider sp) => sp.GetRequiredService<IOptions<ChassisOptions>>().Value.Id;
}
