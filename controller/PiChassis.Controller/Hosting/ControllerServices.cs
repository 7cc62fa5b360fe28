using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Metrics;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Policy;
using PiChassis.Controller.Redfish;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Simulation;
using PiChassis.Controller.Storage;
using PiChassis.Controller.Systemd;
using PiChassis.Hardware.Buses;

namespace PiChassis.Controller.Hosting;

/// <summary>Registers the controller's parts with defaults that tests and the simulator can replace.</summary>
public static class ControllerServices
{
    public static IServiceCollection AddPiChassisController(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        AddOptions(services, configuration);
        services.AddPiChassisMqtt(configuration);
        if (ReadableSettings.Switch(configuration, $"{SimulationOptions.Section}:Enabled") == true)
        {
            services.AddSimulatedChassis();
        }

        services.TryAddSingleton<IDeviceBuses>(sp => new RaspberryPiBuses(sp.GetRequiredService<IOptions<ChassisOptions>>().Value.I2cBus));
        services.TryAddSingleton<INodeAgent>(sp => new CommandNodeAgent(
            sp.GetRequiredService<IOptions<PowerOptions>>().Value.HaltCommand, sp.GetRequiredService<ILogger<CommandNodeAgent>>()));
        services.TryAddSingleton(ChassisDevicesFactory.Create);
        services.TryAddSingleton<SnapshotHub>();
        services.TryAddSingleton<Sampler>();
        services.TryAddSingleton<ChassisEvents>();
        services.TryAddSingleton(CreateEngine);
        services.TryAddSingleton<PowerEngineLoop>();
        services.TryAddSingleton<SamplingService>();

        // Start order matters: the engine loop listens, then the stored state is restored, before the first sweep is published.
        services.AddHostedService(sp => sp.GetRequiredService<PowerEngineLoop>());
        services.AddPiChassisStorage();
        services.TryAddSingleton<ControllerFault>();
        services.AddHostedService<ControllerSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<SamplingService>());
        services.AddPiChassisPanel(configuration);
        services.AddPiChassisPolicy(configuration);
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ConsoleStatusView>(sp, Console.Out));
        services.AddPiChassisMetrics(configuration);
        services.AddPiChassisAutoscaler(configuration);
        services.AddPiChassisRedfish(configuration);
        services.AddPiChassisSystemd();
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChassisOptions>().BindReadable(configuration.GetSection(ChassisOptions.Section), (s, o) =>
        {
            s.Bind(o);
            ChassisAddressBinder.Apply(s, o);
        }).PostConfigure(DefaultWiring.ApplyTo);
        services.AddOptions<SamplingOptions>().BindReadable(configuration.GetSection(SamplingOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<PowerOptions>().BindReadable(configuration.GetSection(PowerOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<ProtectionOptions>().BindReadable(configuration.GetSection(ProtectionOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<WatchdogOptions>().BindReadable(configuration.GetSection(WatchdogOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<SimulationOptions>().BindReadable(configuration.GetSection(SimulationOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<StorageOptions>().BindReadable(configuration.GetSection(StorageOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<MqttOptions>().BindReadable(configuration.GetSection(MqttOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<ConsoleViewOptions>().BindReadable(configuration.GetSection(ConsoleViewOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<MetricsOptions>().BindReadable(configuration.GetSection(MetricsOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<RedfishOptions>().BindReadable(configuration.GetSection(RedfishOptions.Section), (s, o) => s.Bind(o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChassisOptions>, ChassisOptionsValidator>());
        var general = new ControllerOptionsValidator();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SamplingOptions>>(general));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulationOptions>>(general));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>>(general));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>>(general));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsoleViewOptions>>(general));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedfishOptions>, RedfishOptionsValidator>());
        var engine = new EngineOptionsValidator();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PowerOptions>>(engine));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectionOptions>>(engine));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WatchdogOptions>>(engine));
    }

    private static PowerEngine CreateEngine(IServiceProvider sp)
    {
        var chassis = sp.GetRequiredService<IOptions<ChassisOptions>>().Value;
        var devices = sp.GetRequiredService<ChassisDevices>();
        var autoscaled = sp.GetService<NodeGroupSet>()?.Slots ?? [];
        var slots = devices.Slots.Select(s =>
        {
            var options = chassis.Slots.First(o => o.Slot == s.Slot);
            return new EngineSlot(s.Slot, s.Node, options.Priority, s.Relay) { RestorePolicy = options.RestorePolicy, Autoscaled = autoscaled.Contains(s.Slot) };
        });
        return new PowerEngine(
            slots,
            sp.GetRequiredService<IOptions<PowerOptions>>().Value,
            sp.GetRequiredService<IOptions<ProtectionOptions>>().Value,
            sp.GetRequiredService<IOptions<WatchdogOptions>>().Value,
            sp.GetRequiredService<INodeAgent>(),
            sp.GetRequiredService<ChassisEvents>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PowerEngine>>(),
            sp.GetService<StoreDatabase>() is { } store ? new StoredPowerOns(store) : null);
    }
}
