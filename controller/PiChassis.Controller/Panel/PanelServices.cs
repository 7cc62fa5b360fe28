using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware.Buses;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Controller.Panel;

/// <summary>Registers the panel (buttons, LEDs), the fans and, in simulation, the console's button keys.</summary>
public static class PanelServices
{
    public static IServiceCollection AddPiChassisPanel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var simulating = ReadableSettings.Switch(configuration, $"{SimulationOptions.Section}:Enabled") == true;
        services.AddOptions<PanelOptions>().BindReadable(configuration.GetSection(PanelOptions.Section), (s, o) => s.Bind(o));
        services.AddOptions<CoolingOptions>().BindReadable(configuration.GetSection(CoolingOptions.Section), (s, o) => s.Bind(o)).PostConfigure(cooling =>
        {
            // Defaults go in after binding: the binder appends to a list instead of replacing it.
            if (cooling.Curve.Count == 0)
            {
                cooling.Curve.AddRange(CoolingOptions.DefaultCurve.Select(p => new FanCurvePoint { TemperatureC = p.TemperatureC, DutyPercent = p.DutyPercent }));
            }

            if (simulating && cooling.FanInSimulation && cooling.Fans.Count == 0)
            {
                cooling.Fans.Add(new FanOptions { Driver = "simulated" });
            }
        });
        var validator = new PanelOptionsValidator(simulating);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PanelOptions>>(validator));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CoolingOptions>>(validator));

        services.TryAddSingleton<IBrokerStatus, NoBrokerStatus>();
        services.TryAddSingleton<PanelService>();
        services.TryAddSingleton(sp => new FanController(
            sp.GetRequiredService<SnapshotHub>(),
            FanFactory.Open(
                sp.GetRequiredService<IOptions<CoolingOptions>>().Value,
                sp.GetRequiredService<IDeviceBuses>(),
                sp.GetService<SimulatedChassis>(),
                sp.GetRequiredService<ILogger<FanController>>()),
            sp.GetRequiredService<IOptions<CoolingOptions>>().Value,
            sp.GetRequiredService<ILogger<FanController>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PanelService>());
        services.AddHostedService(sp => sp.GetRequiredService<FanController>());
        if (simulating)
        {
            services.AddHostedService(sp => new ConsoleKeys(
                new SimulatedButtonPresser(sp.GetRequiredService<SimulatedChassisBuses>().GpioDriver, sp.GetRequiredService<TimeProvider>()),
                sp.GetRequiredService<IOptions<ChassisOptions>>().Value,
                sp.GetRequiredService<IOptions<PanelOptions>>().Value,
                sp.GetRequiredService<IOptions<ConsoleViewOptions>>().Value,
                sp.GetRequiredService<ILogger<ConsoleKeys>>()));
        }

        return services;
    }
}
