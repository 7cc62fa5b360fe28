using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Systemd;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.TestSupport;

/// <summary>
/// The whole controller host on a 4-slot simulated chassis and a fake clock, under a stand-in for
/// systemd (a 2 s watchdog), with its embedded broker on a free port.
/// </summary>
internal static class FakeClockController
{
    /// <param name="services">Registrations that replace the controller's defaults (they win: the controller adds with TryAdd).</param>
    public static IHost Build(string dataDir, FakeTimeProvider time, NotifySocketListener listener, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulation:Enabled"] = "true",
            ["Chassis:SlotCount"] = "4",
            ["Storage:DataDir"] = dataDir,
            ["ConsoleView:Enabled"] = "false",
            ["Mqtt:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(listener.Notifier());
        builder.Services.AddSingleton(new SystemdEnvironment(TimeSpan.FromSeconds(2)));
        services?.Invoke(builder.Services);
        builder.Services.AddPiChassisController(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// Moves the fake clock one sample interval at a time, so every timer fires as it would, and lets
    /// the engine loop handle what the interval brought before the clock moves on, as real time would.
    /// </summary>
    public static async Task RunAsync(IHost host, FakeTimeProvider time, TimeSpan duration)
    {
        var loop = host.Services.GetRequiredService<PowerEngineLoop>();
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(100))
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await loop.RunAsync(_ => 0);
        }
    }
}
