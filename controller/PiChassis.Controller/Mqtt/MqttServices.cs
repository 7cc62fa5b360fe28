using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>Registers the MQTT interface: the embedded broker when no host is set, the connection, publisher, handlers and the MQTT node agent.</summary>
public static class MqttServices
{
    /// <summary>
    /// Call before the simulator and the defaults are registered: the broker must listen before the
    /// simulated agents connect, and the MQTT node agent takes precedence.
    /// </summary>
    public static IServiceCollection AddPiChassisMqtt(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindReadable(configuration.GetSection(TelemetryOptions.Section), (s, o) => s.Bind(o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, ControllerOptionsValidator>());
        services.TryAddSingleton(sp => new Topics(sp.GetRequiredService<IOptions<ChassisOptions>>().Value.Id));
        services.TryAddSingleton(sp => BrokerEndpoint.From(
            sp.GetRequiredService<IOptions<MqttOptions>>().Value, sp.GetRequiredService<IOptions<SimulationOptions>>().Value.Enabled));
        services.TryAddSingleton(CreateConnection);
        services.TryAddSingleton(sp => new NodeMapFile(
            Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir, NodeMapFile.FileName),
            sp.GetRequiredService<ILogger<NodeMapFile>>()));
        services.TryAddSingleton<NodeIdentity>();
        services.TryAddSingleton(sp => new SlotWaiter(sp.GetRequiredService<PowerEngine>()));
        services.TryAddSingleton(sp => new IdempotencyCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Rejections>();
        services.TryAddSingleton<RequestExecutor>();
        services.TryAddSingleton<RequestHandler>();
        services.TryAddSingleton<SlotSetHandler>();
        services.TryAddSingleton<ChassisPublisher>();
        services.TryAddSingleton<MessageRouter>();
        services.TryAddSingleton<INodeAgent>(sp =>
        {
            var haltCommand = sp.GetRequiredService<IOptions<PowerOptions>>().Value.HaltCommand;
            var fallback = string.IsNullOrWhiteSpace(haltCommand)
                ? null
                : new CommandNodeAgent(haltCommand, sp.GetRequiredService<ILogger<CommandNodeAgent>>());
            return new MqttNodeAgent(sp.GetRequiredService<MqttConnection>(), fallback, sp.GetRequiredService<ILogger<MqttNodeAgent>>());
        });
        services.TryAddSingleton<IBrokerStatus, MqttBrokerStatus>();
        services.TryAddSingleton<BrokerAccounts>();
        services.TryAddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHostedService<MqttService>();
        return services;
    }

    private static MqttConnection CreateConnection(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<MqttOptions>>().Value;
        var topics = sp.GetRequiredService<Topics>();
        var will = MqttMessages.Text(topics.Status, Availability.Offline, retain: true);
        var endpoint = sp.GetRequiredService<BrokerEndpoint>();
        var login = endpoint.Embedded ? sp.GetRequiredService<BrokerAccounts>().Controller : null;
        var clientOptions = MqttClientOptionsFactory.Create(options, endpoint, ClientId(options, topics.ChassisId), will, login);

        // Commands keep their retain flag as published, so retained ones can be recognised and ignored.
        MqttTopicFilter[] subscriptions =
        [
            Filter(topics.SlotSetFilter, MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: true),
            Filter(topics.RequestFilter, MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: true),
            Filter(topics.OwnedRequestFilter, MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: true),
            // Heartbeats are subscribed per own node at run time (MqttService), so a fleet's traffic grows linearly.
            Filter(Topics.NodeAnnounceFilter, MqttQualityOfServiceLevel.AtMostOnce, retainAsPublished: true),
            Filter(HomeAssistantTopics.Status(options.DiscoveryPrefix), MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: false),
            .. sp.GetServices<IMqttTopicHandler>().SelectMany(h => h.Filters),
        ];
        return new MqttConnection(clientOptions, subscriptions, options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MqttConnection>>());
    }

    /// <summary>The controller's MQTT client id: <c>Mqtt:ClientId</c>, else <c>pichassis-&lt;chassis&gt;</c>.</summary>
    public static string ClientId(MqttOptions options, string chassisId) => options?.ClientId ?? $"pichassis-{chassisId}";

    public static MqttTopicFilter Filter(string topic, MqttQualityOfServiceLevel qos, bool retainAsPublished) => new()
    {
        Topic = topic,
        QualityOfServiceLevel = qos,
        RetainAsPublished = retainAsPublished,
    };
}
