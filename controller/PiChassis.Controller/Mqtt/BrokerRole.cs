using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// What one login may publish and read on the embedded broker: the roles of the shipped Mosquitto
/// ACL (<c>controller/deploy/mosquitto/pichassis.acl</c>), by user name. Every login may also use
/// its own <c>pichassis/clients/&lt;user&gt;/#</c>, where the controller puts its replies.
/// </summary>
public sealed record BrokerRole(string Name, IReadOnlyList<string> Write, IReadOnlyList<string> Read)
{
    public const string Scheduler = "slurm";
    public const string Dashboard = "dashboard";
    public const string HomeAssistant = "homeassistant";

    public bool MayPublish(string topic) => Write.Any(f => TopicPattern.Matches(f, topic));

    public bool MayRead(string topic) => Read.Any(f => TopicPattern.Matches(f, topic));

    public bool MaySubscribe(string filter) => Read.Any(f => TopicPattern.Covers(f, filter));

    /// <summary>The role of <paramref name="user"/> on the broker of chassis <paramref name="topics"/>.</summary>
    public static BrokerRole For(string user, Topics topics, string discoveryPrefix)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(topics);
        var own = Topics.ClientReply(user, "#");
        var b = topics.Base;
        return user switch
        {
            _ when user == ControllerUser(topics) => new(user,
                [$"{b}/status", $"{b}/info", $"{b}/telemetry", $"{b}/event", $"{b}/slot/+/state", $"{b}/slot/+/telemetry", $"{b}/slot/+/event",
                 $"{b}/response/#", Topics.NodeCommandFilter, $"{Topics.Root}/{Topics.ClientsLevel}/#", $"{discoveryPrefix}/device/#"],
                [own, topics.SlotSetFilter, topics.RequestFilter, Topics.NodeHeartbeatFilter, HomeAssistantTopics.Status(discoveryPrefix)]),
            Scheduler => new(user,
                [own, $"{Topics.Root}/+/request/+"],
                [own, $"{Topics.Root}/+/response/#", $"{Topics.Root}/+/status", $"{Topics.Root}/+/info", $"{Topics.Root}/+/slot/+/state", $"{Topics.Root}/+/event"]),
            Dashboard => new(user,
                [own, $"{Topics.Root}/+/slot/+/set", $"{Topics.Root}/+/request/+"],
                [$"{Topics.Root}/#"]),
            HomeAssistant => new(user,
                [own, $"{discoveryPrefix}/status", $"{Topics.Root}/+/slot/+/set"],
                [$"{discoveryPrefix}/#", $"{Topics.Root}/#"]),

            // Anyone else is a node agent named like its node: its own heartbeat and status, its own commands.
            _ => new(user,
                [own, $"{Topics.Root}/{Topics.NodesLevel}/{user}/heartbeat", $"{Topics.Root}/{Topics.NodesLevel}/{user}/status"],
                [own, $"{Topics.Root}/{Topics.NodesLevel}/{user}/cmd"]),
        };
    }

    /// <summary>The simulated boards' agents in the controller itself: every node's heartbeat, status and commands.</summary>
    public static BrokerRole Simulator(string user) => new(user,
        [Topics.NodeHeartbeatFilter, $"{Topics.Root}/{Topics.NodesLevel}/+/status"],
        [Topics.NodeCommandFilter]);

    public static string ControllerUser(Topics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return $"chassis-{topics.ChassisId}";
    }
}
