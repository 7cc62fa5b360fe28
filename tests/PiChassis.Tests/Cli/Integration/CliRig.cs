using System.Globalization;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Cli.Integration;

/// <summary>
/// A Mosquitto with two simulated controllers on it: <c>sim</c> (node01-04) and <c>b</c> (b01-b02),
/// so node names resolve across chassis. Shared by the CLI tests of one class.
/// </summary>
public sealed class CliRig : IAsyncLifetime
{
    private readonly BrokerAndController _main = new();

    internal HostedController Sim => _main.Controller;

    internal HostedController Second { get; private set; } = null!;

    public int Port => _main.Port;

    public async Task InitializeAsync()
    {
        await _main.InitializeAsync();
        Second = await HostedController.StartAsync(Port, settings: new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "b",
            ["Chassis:SlotCount"] = "2",
            ["Chassis:Slots:0:Slot"] = "1",
            ["Chassis:Slots:0:Node"] = "b01",
            ["Chassis:Slots:1:Slot"] = "2",
            ["Chassis:Slots:1:Node"] = "b02",
        });
        await using var watcher = await TestMqttClient.ConnectAsync(Port, null, "pichassis/b/status");
        if (await watcher.WaitForAsync("pichassis/b/status", p => p == "online", BrokerAndController.Patience) is null)
        {
            throw new InvalidOperationException("chassis b did not come online");
        }
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await _main.DisposeAsync();
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
