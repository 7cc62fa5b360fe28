using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Storage;

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

    /// <summary>
    /// The barrier before a "nothing happened" check: a status request published after the input under
    /// test is answered only once the controller has handled that input (the broker keeps the order,
    /// the controller handles messages as they arrive and hands their work to the engine loop in that
    /// order). A loop round trip and a store flush then let whatever the input set off reach the relays
    /// and the journal. With <paramref name="observer"/> the answer comes on its connection, after
    /// anything the broker sent it before.
    /// </summary>
    internal async Task SettleAsync(TestMqttClient? observer = null)
    {
        // A client level of its own: the rate limits the test's traffic ran into do not hold it back.
        var marker = $"marker-{Guid.NewGuid():N}";
        var responseTopic = $"pichassis/clients/{marker}/status";
        await using var own = observer is null ? await TestMqttClient.ConnectAsync(Port) : null;
        var client = observer ?? own!;
        await client.SubscribeAsync(responseTopic);
        await client.PublishAsync("pichassis/sim/request/status", $$"""{"id":"{{marker}}","targets":"slot:1"}""", responseTopic: responseTopic);
        if (await client.WaitForAsync(m => m.Topic == responseTopic, Patience) is null)
        {
            throw new TimeoutException("the controller did not answer the marker request");
        }

        await Controller.Loop.RunAsync(_ => 0);
        await Controller.Services.GetRequiredService<StoreDatabase>().FlushAsync();
    }

    public async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
