using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>The controller's embedded broker started on its own (chassis <c>sim</c>), with its default address unless <c>configure</c> says otherwise, on a given port.</summary>
internal static class StandaloneEmbeddedBroker
{
    public static async Task<EmbeddedBroker> StartAsync(int port, Action<MqttOptions>? configure = null)
    {
        var options = new MqttOptions { Port = port, Embedded = true };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        var broker = new EmbeddedBroker(wrapped, BrokerEndpoint.From(options, simulated: false), new BrokerAccounts(wrapped, new Topics("sim")), NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        Assert.False(broker.Unavailable);
        return broker;
    }
}
