namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>A Mosquitto and an in-process controller on it, online, shared by the tests of one class.</summary>
public sealed class BrokerAndController : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    internal MosquittoBroker Broker { get; private set; } = null!;

    internal HostedController Controller { get; private set; } = null!;

    public int Port => Broker.Port;

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartAsync();
        Controller = await HostedController.StartAsync(Broker.Port);
        await using var watcher = await TestMqttClient.ConnectAsync(Broker.Port, null, "pichassis/sim/status");
        if (await watcher.WaitForAsync("pichassis/sim/status", p => p == "online", Patience) is null)
        {
            throw new InvalidOperationException("the controller did not come online");
        }
    }

    public async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
