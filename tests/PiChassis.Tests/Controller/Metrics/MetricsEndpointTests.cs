using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Metrics;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Metrics;

/// <summary>The controller host on the simulated chassis, scraped over loopback as Prometheus would, on its one HTTP server.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pichassis-metrics-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Scrape_OverLoopback_ServesLiveSlotAndChassisSeries()
    {
        // Metrics alone: the server runs for /metrics even with Redfish off.
        using var host = BuildHost(("Metrics:Enabled", "true"), ("Redfish:Enabled", "false"), ("Redfish:Port", "0"));

        // The INA219s are configured when the devices open; as on a real bus, give them one conversion
        // time before the first sweep (a frozen fake clock would read 0 V and trip a brown-out).
        host.Services.GetRequiredService<ChassisDevices>();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await host.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var client = new HttpClient { BaseAddress = host.Services.GetRequiredService<RedfishServer>().BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var classic = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var redfishRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/redfish/v1/Systems", UriKind.Relative));
        redfishRequest.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RedfishAccounts.DevelopmentUser}:{RedfishAccounts.DevelopmentPassword}")));
        using var redfish = await client.SendAsync(redfishRequest);
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"pichassis_slot_volts\{slot=""3"",node=""node03"",chassis=""bench""\} 5\.\d+", text);
        Assert.Matches(@"pichassis_slot_amps\{slot=""3"",node=""node03"",chassis=""bench""\} 0\.\d+", text);
        Assert.Matches(@"pichassis_slot_watts\{slot=""1"",node=""node01"",chassis=""bench""\} [1-9]\.\d+", text);
        Assert.Contains("pichassis_slot_phase{slot=\"2\",node=\"node02\",phase=\"on\",chassis=\"bench\"} 1.0", text, StringComparison.Ordinal);
        Assert.Matches(@"pichassis_slot_energy_wh_total\{slot=""1"",node=""node01"",chassis=""bench""\} 0\.\d+", text);
        Assert.Contains("pichassis_slot_relay_cycles_total{slot=\"3\",node=\"node03\",chassis=\"bench\"} 0.0", text, StringComparison.Ordinal);
        Assert.Matches(@"pichassis_chassis_watts\{chassis=""bench""\} \d+\.\d+", text);
        Assert.Matches(@"pichassis_chassis_headroom_watts\{chassis=""bench""\} \d+\.\d+", text);
        Assert.Matches(@"pichassis_chassis_temperature_celsius\{chassis=""bench""\} \d+\.\d+", text);
        Assert.Matches(@"pichassis_probe_temperature_celsius\{probe=""exhaust"",chassis=""bench""\} \d+\.\d+", text);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.StartsWith("text/plain; version=0.0.4", classic.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, redfish.StatusCode);
    }

    [Fact]
    public void AddPiChassisController_MetricsNotEnabled_NothingListens()
    {
        using var host = BuildHost(("Redfish:Enabled", "false"));

        Assert.Null(host.Services.GetService<MetricsEndpoint>());
        Assert.Null(host.Services.GetService<RedfishServer>());
    }

    [Fact]
    public void ConfigurationCheck_RemovedListenStillSet_ReportedWithItsReplacement()
    {
        using var host = BuildHost(("Metrics:Listen", "0.0.0.0:9464"));

        Assert.Contains(ConfigurationCheck.Collect(host.Services),
            e => e.StartsWith("Metrics:Listen '0.0.0.0:9464' is no longer supported", StringComparison.Ordinal) && e.Contains("Redfish:Port", StringComparison.Ordinal));
    }

    private IHost BuildHost(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var values = new Dictionary<string, string?>
        {
            ["Simulation:Enabled"] = "true",
            ["Simulation:StartPowered"] = "true",
            ["Chassis:Id"] = "bench",
            ["Chassis:SlotCount"] = "3",
            ["Storage:DataDir"] = _dataDir,
            ["ConsoleView:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddPiChassisController(builder.Configuration);
        return builder.Build();
    }
}
