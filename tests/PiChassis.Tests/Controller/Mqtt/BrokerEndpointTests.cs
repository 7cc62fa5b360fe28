using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class BrokerEndpointTests
{
    [Theory]
    [InlineData(null, null, true, "127.0.0.1", true)]
    [InlineData(null, null, false, "localhost", false)]
    [InlineData(null, true, false, "127.0.0.1", true)]
    [InlineData(null, false, true, "localhost", false)]
    [InlineData("broker.lan", null, true, "broker.lan", false)]
    public void From_HostEmbeddedAndSimulation_PickTheBroker(string? host, bool? embedded, bool simulated, string expectedHost, bool expectedEmbedded)
    {
        var endpoint = BrokerEndpoint.From(new MqttOptions { Host = host, Embedded = embedded, Port = 1884 }, simulated);

        Assert.Equal(new BrokerEndpoint(expectedHost, 1884, expectedEmbedded), endpoint);
    }
}
