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

    private const string NodeHeartbeats = $"{Topics.Root}/{Topics.NodesLevel}/+/heartbeat";

    public bool MayPublish(string topic) => Write.Any(f => TopicPattern.Matches(f, topic));

    public bool MayRead(string topic) => Read.Any(f => TopicPattern.Matches(f, topic));

    public bool MaySubscribe(string filter) => Read.Any(f => TopicPattern.Covers(f, filter));

    /// <summary>
    /// A request may name a reply level under <c>pichassis/clients/</c> only if it is this login's own:
    /// the broker knows who publishes, so one client cannot have the controller answer on another's
    /// level (the controller, behind Mosquitto, cannot tell and refuses only topics outside the level).
    /// </summary>
    public bool MayNameAsReply(string? responseTopic) =>
        !Topics.TryParseClientReply(responseTopic, out var client) || client == Name;

    /// <summary>The role of <paramref name="user"/> on the broker of chassis <paramref name="topics"/>.</summary>
    public static BrokerRole For(string user, Topics topics, string discoveryPrefix)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(topics);
        var own = Topics.ClientReply(user, "#");
        var b = topics.Base;
        var node = $"{Topics.Root}/{Topics.NodesLevel}/{user}";
        string[] published =
        [
            $"{Topics.Root}/+/status", $"{Topics.Root}/+/info", $"{Topics.Root}/+/telemetry", $"{Topics.Root}/+/event",
            $"{Topics.Root}/+/slot/+/state", $"{Topics.Root}/+/slot/+/telemetry", $"{Topics.Root}/+/slot/+/event",
        ];
        return user switch
        {
            _ when user == ControllerUser(topics) => new(user,
                [$"{b}/status", $"{b}/info", $"{b}/telemetry", $"{b}/event", $"{b}/slot/+/state", $"{b}/slot/+/telemetry", $"{b}/slot/+/event",
                 $"{b}/response/#", Topics.NodeCommandFilter, $"{Topics.Root}/{Topics.ClientsLevel}/#", $"{discoveryPrefix}/device/#"],
                [own, topics.SlotSetFilter, topics.RequestFilter, topics.OwnedRequestFilter, NodeHeartbeats, Topics.NodeAnnounceFilter, HomeAssistantTopics.Status(discoveryPrefix)]),
            Scheduler => new(user,
                [own, OwnRequests(user)],
                [own, $"{Topics.Root}/+/status", $"{Topics.Root}/+/info", $"{Topics.Root}/+/slot/+/state", $"{Topics.Root}/+/event"]),
            Dashboard => new(user,
                [own, $"{Topics.Root}/+/slot/+/set", OwnRequests(user)],
                [own, .. published]),
            HomeAssistant => new(user,
                [own, $"{discoveryPrefix}/status", $"{Topics.Root}/+/slot/+/set"],
                [own, $"{discoveryPrefix}/#", .. published]),

            // Anyone else is a node agent named like its node: its own heartbeat, announcement and status, its own commands.
            _ => new(user,
                [own, $"{node}/heartbeat", $"{node}/announce", $"{node}/status"],
                [own, $"{node}/cmd"]),
        };
    }

    /// <summary>The simulated boards' agents in the controller itself: every node's heartbeat, status and commands.</summary>
    public static BrokerRole Simulator(string user) => new(user,
        [NodeHeartbeats, Topics.NodeAnnounceFilter, $"{Topics.Root}/{Topics.NodesLevel}/+/status"],
        [Topics.NodeCommandFilter]);

    /// <summary>Requests of <paramref name="user"/> to any chassis, on its own level (docs/mqtt-api.md).</summary>
    private static string OwnRequests(string user) => $"{Topics.Root}/{Topics.RequestsLevel}/{user}/+/+";

    public static string ControllerUser(Topics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return $"chassis-{topics.ChassisId}";
    }
}
