using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Storage;

namespace PiChassis.Perf.Latency;

/// <summary>
/// The benchmarks' settings for the shared in-process controller: their own chassis id, errors-only
/// console logging, and only the settings the benchmark names differ from the defaults.
/// </summary>
public static class BenchController
{
    public const string ChassisId = "bench";

    /// <summary>
    /// Starts a controller with <paramref name="slots"/> simulated slots. Without <paramref name="brokerPort"/>
    /// it starts its embedded broker on a free port. The data directory lives on tmpfs when there is
    /// one: the simulator (not the controller) fsyncs its chip state file on every relay change, a cost
    /// real hardware does not have.
    /// </summary>
    /// <param name="storeFaults">A store that stalls or fails, in place of the real disk's behaviour.</param>
    public static Task<HostedController> StartAsync(int slots, IReadOnlyDictionary<string, string> settings, int? brokerPort = null, IStoreFaults? storeFaults = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Chassis:Id"] = ChassisId,
            ["Chassis:SlotCount"] = slots.ToString(CultureInfo.InvariantCulture),
        };
        if (brokerPort is { } port)
        {
            config["Mqtt:Host"] = "127.0.0.1";
            config["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return HostedController.StartAsync(
            config,
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Error).AddSimpleConsole(o => o.SingleLine = true);
                if (storeFaults is not null)
                {
                    builder.Services.AddSingleton(storeFaults);
                }
            },
            dataRoot: Directory.Exists("/dev/shm") ? "/dev/shm" : null);
    }
}
