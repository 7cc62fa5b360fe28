using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>
/// The whole controller in this process: the real host with the simulated chassis, the real clock,
/// and its MQTT side pointed at a test broker (or its embedded one on a free port).
/// </summary>
internal sealed class HostedController : IAsyncDisposable
{
    private readonly IHost _host;

    private HostedController(IHost host, string dataDir)
    {
        _host = host;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    /// <summary>Everything the controller logged at Information and above.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public IServiceProvider Services => _host.Services;

    public SimulatedChassis Chassis => Services.GetRequiredService<SimulatedChassis>();

    public SimulatedNodeAgents Agents => Services.GetRequiredService<SimulatedNodeAgents>();

    public PowerEngineLoop Loop => Services.GetRequiredService<PowerEngineLoop>();

    public IEventJournal Journal => Services.GetRequiredService<IEventJournal>();

    /// <summary>A controller on the broker at <paramref name="port"/> (null host: it starts its embedded broker there).</summary>
    public static async Task<HostedController> StartAsync(int port, string? host = "127.0.0.1", IDictionary<string, string?>? settings = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("pichassis-controller-").FullName;
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Simulation:Enabled"] = "true",
            ["Chassis:SlotCount"] = "4",
            ["Storage:DataDir"] = dataDir,
            ["Mqtt:Host"] = host,
            ["Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.200",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:01",
            ["Mqtt:KeepAlive"] = "00:00:05",
            ["ConsoleView:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.AddFakeLogging();
        builder.Services.AddPiChassisController(builder.Configuration);
        var app = builder.Build();
        var errors = ConfigurationCheck.Collect(app.Services);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        await app.StartAsync();
        return new HostedController(app, dataDir);
    }

    /// <summary>Relay inputs of every simulated slot: what "the relays never move" is checked against.</summary>
    public bool[] Relays() => [.. Chassis.Slots.Select(s => s.RelayInputClosed)];

    /// <summary>How many times the message with <paramref name="eventId"/> was logged.</summary>
    public int Logged(int eventId) => Logs.GetSnapshot().Count(r => r.Id.Id == eventId);

    public Task<SlotState> StateAsync(int slot) => Loop.RunAsync(e => e.States[slot - 1]);

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(limit.Token);
        _host.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }
}
