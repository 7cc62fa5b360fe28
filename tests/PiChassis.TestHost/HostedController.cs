using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Redfish;
using PiChassis.Controller.Simulation;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.TestHost;

/// <summary>
/// The whole controller in this process: the Generic Host with the controller's own service
/// registration, a 4-slot simulated chassis, the real clock, a data directory of its own (deleted
/// on dispose) and MQTT on its embedded broker at a free port, unless the settings say otherwise;
/// no Redfish service unless <c>Redfish:Enabled</c> is given.
/// </summary>
public sealed class HostedController : IAsyncDisposable
{
    private readonly IHost _host;

    private HostedController(IHost host, string dataDir, int port)
    {
        _host = host;
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    /// <summary>The broker's port: the embedded one's, or the one <c>Mqtt:Port</c> named.</summary>
    public int Port { get; }

    public IServiceProvider Services => _host.Services;

    public SimulatedChassis Chassis => Services.GetRequiredService<SimulatedChassis>();

    public SimulatedChassisBuses Buses => Services.GetRequiredService<SimulatedChassisBuses>();

    public SimulatedNodeAgents Agents => Services.GetRequiredService<SimulatedNodeAgents>();

    public PowerEngineLoop Loop => Services.GetRequiredService<PowerEngineLoop>();

    public IEventJournal Journal => Services.GetRequiredService<IEventJournal>();

    /// <summary>The Redfish service's address (e.g. <c>http://127.0.0.1:40123/</c>) with <c>Redfish:Enabled</c>; null when it is off or could not listen.</summary>
    public Uri? RedfishBaseUri => Services.GetService<RedfishServer>()?.BaseUri;

    /// <summary>Starts a controller; it has passed the configuration check the real one runs at start.</summary>
    /// <param name="settings">Settings over the defaults above (a null value unsets one).</param>
    /// <param name="configure">Logging and replacements of the controller's services (they win: it adds with TryAdd).</param>
    /// <param name="dataRoot">Where the data directory goes; the system's temp directory when null.</param>
    public static async Task<HostedController> StartAsync(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<HostApplicationBuilder>? configure = null,
        string? dataRoot = null)
    {
        var dataDir = Path.Combine(dataRoot ?? Path.GetTempPath(), $"pichassis-controller-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Simulation:Enabled"] = "true",
            ["Chassis:SlotCount"] = "4",
            ["Storage:DataDir"] = dataDir,
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["ConsoleView:Enabled"] = "false",

            // Off unless a test asks for it (then with Redfish:Port 0, a free port: see RedfishBaseUri).
            ["Redfish:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(config);
        configure?.Invoke(builder);
        builder.Services.AddPiChassisController(builder.Configuration);
        var host = builder.Build();
        var errors = ConfigurationCheck.Collect(host.Services);
        if (errors.Count > 0)
        {
            host.Dispose();
            Directory.Delete(dataDir, recursive: true);
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        await host.StartAsync();
        return new HostedController(host, dataDir, int.Parse(config["Mqtt:Port"]!, CultureInfo.InvariantCulture));
    }

    /// <summary>Relay inputs of every simulated slot: what "the relays never move" is checked against.</summary>
    public bool[] Relays() => [.. Chassis.Slots.Select(s => s.RelayInputClosed)];

    public Task<SlotState> StateAsync(int slot) => Loop.RunAsync(e => e.States[slot - 1]);

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(limit.Token);
        _host.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }
}
