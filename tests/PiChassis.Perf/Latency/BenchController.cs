using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Storage;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Perf.Latency;

/// <summary>
/// The real controller in this process: the Generic Host with the controller's own service
/// registration, the simulated chassis, the real clock, and MQTT on the embedded broker (or on
/// the broker given). Only the settings the benchmark names differ from the defaults.
/// </summary>
public sealed class BenchController : IAsyncDisposable
{
    public const string ChassisId = "bench";

    private readonly IHost _host;
    private readonly string _dataDir;

    private BenchController(IHost host, string dataDir, int port)
    {
        _host = host;
        _dataDir = dataDir;
        Port = port;
    }

    /// <summary>The broker's port.</summary>
    public int Port { get; }

    public SimulatedChassisBuses Buses => _host.Services.GetRequiredService<SimulatedChassisBuses>();

    public PowerEngineLoop Loop => _host.Services.GetRequiredService<PowerEngineLoop>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts a controller with <paramref name="slots"/> simulated slots. Without <paramref name="brokerPort"/>
    /// it starts its embedded broker on a free port. The data directory lives on tmpfs when there is
    /// one: the simulator (not the controller) fsyncs its chip state file on every relay change, a cost
    /// real hardware does not have.
    /// </summary>
    /// <param name="storeFaults">A store that stalls or fails, in place of the real disk's behaviour.</param>
    public static async Task<BenchController> StartAsync(int slots, IReadOnlyDictionary<string, string> settings, int? brokerPort = null, IStoreFaults? storeFaults = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dataDir = Path.Combine(root, $"pichassis-latency-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var port = brokerPort ?? FreePort.Next();
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Simulation:Enabled"] = "true",
            ["Chassis:Id"] = ChassisId,
            ["Chassis:SlotCount"] = slots.ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDir"] = dataDir,
            ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["ConsoleView:Enabled"] = "false",
        };
        if (brokerPort is not null)
        {
            config["Mqtt:Host"] = "127.0.0.1";
        }

        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Error).AddSimpleConsole(o => o.SingleLine = true);
        if (storeFaults is not null)
        {
            builder.Services.AddSingleton(storeFaults);
        }

        builder.Services.AddPiChassisController(builder.Configuration);
        var host = builder.Build();
        var errors = ConfigurationCheck.Collect(host.Services);
        if (errors.Count > 0)
        {
            host.Dispose();
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        await host.StartAsync();
        return new BenchController(host, dataDir, port);
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(limit.Token);
        _host.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }
}
