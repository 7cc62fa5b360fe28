using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Deploy;

/// <summary>
/// The shipped ACL, role by role, on a real Mosquitto: what each account may publish and read.
/// node01 and node02 are nodes of chassis rack1, node09 of rack2.
/// </summary>
/// <remarks>
/// A message that must not arrive is proven absent by a barrier, not a wait. Mosquitto hands a QoS 1
/// message to every matching subscriber's queue before it acknowledges it, and delivers each
/// subscriber's queue in order. So once the PUBACK of the message under test is in, a marker
/// published afterwards that the observer receives comes after anything the message under test
/// would have delivered to it. The marker goes to the observer's own reply topic,
/// pichassis/clients/&lt;observer&gt;/…, which chassis-rack1 may write and the observer may read.
/// </remarks>
public sealed class MosquittoAclTests(MosquittoAclTests.Broker broker) : IClassFixture<MosquittoAclTests.Broker>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private const string MarkerWriter = "chassis-rack1";

    public sealed class Broker : IAsyncLifetime
    {
        public static readonly string[] Users = ["chassis-rack1", "chassis-rack2", "slurm", "dashboard", "homeassistant", "node01", "node02", "node09"];

        private ExampleMosquitto? _mosquitto;

        public int Port => _mosquitto?.Port ?? throw new InvalidOperationException("the broker has not started");

        public async Task InitializeAsync() => _mosquitto = await ExampleMosquitto.StartAsync(
            Users.ToDictionary(u => u, Password),
            new Dictionary<string, string[]> { ["rack1"] = ["node01", "node02"], ["rack2"] = ["node09"] });

        public async Task DisposeAsync()
        {
            if (_mosquitto is not null)
            {
                await _mosquitto.DisposeAsync();
            }
        }
    }

    private static string Password(string user) => $"{user}-secret";

    private Task<TestMqttClient> Connect(string user, params string[] filters) =>
        TestMqttClient.ConnectAsAsync(broker.Port, user, Password(user), filters);

    [Theory]
    // The scheduler: requests on its own level only, never a chassis' state or a node's topics.
    [InlineData("slurm", "pichassis/requests/slurm/rack1/power", "chassis-rack1", true)]
    [InlineData("slurm", "pichassis/requests/dashboard/rack1/power", "chassis-rack1", false)]
    [InlineData("slurm", "pichassis/rack1/request/power", "chassis-rack1", false)]
    [InlineData("slurm", "pichassis/rack1/slot/1/state", "dashboard", false)]
    [InlineData("slurm", "pichassis/rack1/status", "dashboard", false)]
    [InlineData("slurm", "pichassis/nodes/slurm/heartbeat", "chassis-rack1", false)]
    [InlineData("slurm", "pichassis/nodes/node01/cmd", "node01", false)]
    // Dashboards: slot buttons and requests, never a node's heartbeat.
    [InlineData("dashboard", "pichassis/rack1/slot/1/set", "chassis-rack1", true)]
    [InlineData("dashboard", "pichassis/requests/dashboard/rack1/capacity", "chassis-rack1", true)]
    [InlineData("dashboard", "pichassis/requests/slurm/rack1/capacity", "chassis-rack1", false)]
    [InlineData("dashboard", "pichassis/rack1/request/capacity", "chassis-rack1", false)]
    [InlineData("dashboard", "pichassis/nodes/x/heartbeat", "chassis-rack1", false)]
    [InlineData("dashboard", "pichassis/nodes/dashboard/heartbeat", "chassis-rack1", false)]
    // Home Assistant: slot commands and its birth message, no requests.
    [InlineData("homeassistant", "pichassis/rack1/slot/2/set", "chassis-rack1", true)]
    [InlineData("homeassistant", "homeassistant/status", "chassis-rack1", true)]
    [InlineData("homeassistant", "pichassis/rack1/request/power", "chassis-rack1", false)]
    [InlineData("homeassistant", "pichassis/requests/homeassistant/rack1/power", "chassis-rack1", false)]
    [InlineData("homeassistant", "pichassis/nodes/homeassistant/heartbeat", "chassis-rack1", false)]
    // A controller: its own chassis and its own nodes' commands only.
    [InlineData("chassis-rack1", "pichassis/rack1/slot/1/state", "dashboard", true)]
    [InlineData("chassis-rack1", "pichassis/nodes/node01/cmd", "node01", true)]
    [InlineData("chassis-rack1", "pichassis/nodes/node09/cmd", "node09", false)]
    [InlineData("chassis-rack2", "pichassis/nodes/node01/cmd", "node01", false)]
    [InlineData("chassis-rack2", "pichassis/nodes/node09/cmd", "node09", true)]
    [InlineData("chassis-rack1", "pichassis/rack2/slot/1/state", "dashboard", false)]
    [InlineData("chassis-rack1", "pichassis/rack2/status", "slurm", false)]
    // A node: its own heartbeat, no one else's, and no requests or slot commands.
    [InlineData("node01", "pichassis/nodes/node01/heartbeat", "chassis-rack1", true)]
    [InlineData("node01", "pichassis/nodes/node02/heartbeat", "chassis-rack1", false)]
    [InlineData("node01", "pichassis/rack1/request/power", "chassis-rack1", false)]
    [InlineData("node01", "pichassis/requests/node01/rack1/power", "chassis-rack1", false)]
    [InlineData("node01", "pichassis/rack1/slot/1/set", "chassis-rack1", false)]
    [InlineData("node01", "pichassis/nodes/node02/cmd", "node02", false)]
    public async Task Publish_AsTheRoleMay(string user, string topic, string observer, bool delivered)
    {
        var payload = Guid.NewGuid().ToString("N");
        var marker = $"pichassis/clients/{observer}/marker/{payload}";
        await using var watching = await Connect(observer, topic, marker);
        await using var publisher = await Connect(user);
        await using var markerWriter = await Connect(MarkerWriter);

        await publisher.PublishAsync(topic, payload);
        await markerWriter.PublishAsync(marker, payload);

        Assert.NotNull(await watching.WaitForAsync(marker, _ => true, Patience));
        Assert.Equal(delivered, watching.Messages(topic).Any(m => TestMqttClient.Text(m) == payload));
    }

    [Theory]
    // Replies: each requester reads its own, and no one else's.
    [InlineData("slurm", "pichassis/clients/slurm/r1", "chassis-rack1", true)]
    [InlineData("slurm", "pichassis/clients/homeassistant/r1", "chassis-rack1", false)]
    [InlineData("homeassistant", "pichassis/clients/slurm/r1", "chassis-rack1", false)]
    [InlineData("dashboard", "pichassis/clients/slurm/r1", "chassis-rack1", false)]
    [InlineData("node01", "pichassis/clients/slurm/r1", "chassis-rack1", false)]
    // Requests reach the controller they are for, not the readers of state.
    [InlineData("chassis-rack1", "pichassis/requests/slurm/rack1/power", "slurm", true)]
    [InlineData("chassis-rack1", "pichassis/requests/slurm/rack2/power", "slurm", false)]
    [InlineData("dashboard", "pichassis/requests/slurm/rack1/power", "slurm", false)]
    [InlineData("homeassistant", "pichassis/requests/slurm/rack1/power", "slurm", false)]
    // State for those who show or place it.
    [InlineData("homeassistant", "pichassis/rack1/slot/1/state", "chassis-rack1", true)]
    [InlineData("dashboard", "pichassis/rack1/slot/1/telemetry", "chassis-rack1", true)]
    [InlineData("slurm", "pichassis/rack1/slot/1/state", "chassis-rack1", true)]
    // Node commands: only the node itself hears them.
    [InlineData("node01", "pichassis/nodes/node01/cmd", "chassis-rack1", true)]
    [InlineData("node01", "pichassis/nodes/node02/cmd", "chassis-rack1", false)]
    [InlineData("slurm", "pichassis/nodes/node01/cmd", "chassis-rack1", false)]
    [InlineData("dashboard", "pichassis/nodes/node01/cmd", "chassis-rack1", false)]
    // Heartbeats: every controller (a board may be slid into any chassis), no other role.
    [InlineData("chassis-rack1", "pichassis/nodes/node09/heartbeat", "node09", true)]
    [InlineData("node02", "pichassis/nodes/node01/heartbeat", "node01", false)]
    public async Task Read_AsTheRoleMay(string user, string topic, string writer, bool delivered)
    {
        var payload = Guid.NewGuid().ToString("N");
        var marker = $"pichassis/clients/{user}/marker/{payload}";
        await using var reader = await Connect(user, topic, marker);
        await using var publisher = await Connect(writer);
        await using var markerWriter = await Connect(MarkerWriter);

        await publisher.PublishAsync(topic, payload);
        await markerWriter.PublishAsync(marker, payload);

        Assert.NotNull(await reader.WaitForAsync(marker, _ => true, Patience));
        Assert.Equal(delivered, reader.Messages(topic).Any(m => TestMqttClient.Text(m) == payload));
    }
}
