using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>The controller's embedded broker started on its own, with its default address, on a given port.</summary>
internal static class StandaloneEmbeddedBroker
{
    public static async Task<EmbeddedBroker> StartAsync(int port)
    {
        var options = new MqttOptions { Port = port, Embedded = true };
        var broker = new EmbeddedBroker(Options.Create(options), BrokerEndpoint.From(options, simulated: false), NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        Assert.False(broker.Unavailable);
        return broker;
    }
}
