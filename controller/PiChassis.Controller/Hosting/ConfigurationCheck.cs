using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Hosting;

/// <summary>
/// Binds and validates every settings section before anything touches hardware, and collects
/// every error of every section, so an operator fixes the file once.
/// </summary>
public static class ConfigurationCheck
{
    public static IReadOnlyList<string> Collect(IServiceProvider services)
    {
        var errors = new List<string>();
        Check<ChassisOptions>(services, errors);
        Check<SamplingOptions>(services, errors);
        Check<PowerOptions>(services, errors);
        Check<ProtectionOptions>(services, errors);
        Check<WatchdogOptions>(services, errors);
        Check<SimulationOptions>(services, errors);
        Check<StorageOptions>(services, errors);
        Check<MqttOptions>(services, errors);
        Check<TelemetryOptions>(services, errors);
        Check<ConsoleViewOptions>(services, errors);
        Check<PanelOptions>(services, errors);
        Check<CoolingOptions>(services, errors);
        Check<PolicyOptions>(services, errors);
        Check<MetricsOptions>(services, errors);
        Check<RedfishOptions>(services, errors);
        Check<AutoscalerOptions>(services, errors);
        return errors;
    }

    private static void Check<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceProvider services, List<string> errors)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            // A value that cannot be read is among them (ReadableSettings), not a stop before the rest.
            errors.AddRange(e.Failures);
        }
    }
}
