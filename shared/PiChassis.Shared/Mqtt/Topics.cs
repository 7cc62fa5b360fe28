using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PiChassis.Shared.Mqtt;

/// <summary>
/// The topics of the MQTT contract: <c>pichassis/&lt;cid&gt;/…</c> for one chassis (an instance), and
/// the chassis-independent node agent topics <c>pichassis/nodes/&lt;node&gt;/…</c> (static).
/// </summary>
public sealed partial class Topics
{
    public const string Root = "pichassis";

    /// <summary>The reserved level under <see cref="Root"/> for the node agents; never a chassis id.</summary>
    public const string NodesLevel = "nodes";

    /// <summary>
    /// New boards say they are up here (at start, then every 30 s while up less than 10 min), so every
    /// chassis hears them; heartbeats are subscribed per node, each chassis its own nodes only.
    /// </summary>
    public const string NodeAnnounceFilter = $"{Root}/{NodesLevel}/+/announce";

    /// <summary>
    /// The reserved level under <see cref="Root"/> for replies: <c>pichassis/clients/&lt;client&gt;/…</c> is
    /// the only place an MQTT 5 requester may name as its response topic (a broker's ACL lets each
    /// client read its own), so the controller never publishes a reply where the requester could not.
    /// </summary>
    public const string ClientsLevel = "clients";

    /// <summary>
    /// The reserved level under <see cref="Root"/> for requests on the requester's own level,
    /// <c>pichassis/requests/&lt;client&gt;/&lt;cid&gt;/&lt;verb&gt;</c>: a broker's ACL grants each requesting
    /// login its own, so the level names the requester, which the chassis' request topic cannot.
    /// </summary>
    public const string RequestsLevel = "requests";

    public const string NodeCommandFilter = $"{Root}/{NodesLevel}/+/cmd";

    public Topics(string chassisId)
    {
        if (!IsValidChassisId(chassisId))
        {
            throw new ArgumentException($"Chassis id '{chassisId}' must match [a-z0-9-]{{1,32}} and not be '{NodesLevel}', '{ClientsLevel}' or '{RequestsLevel}'.", nameof(chassisId));
        }

        ChassisId = chassisId;
        Base = $"{Root}/{chassisId}";
    }

    public string ChassisId { get; }

    /// <summary><c>pichassis/&lt;cid&gt;</c>.</summary>
    public string Base { get; }

    public string Status => $"{Base}/status";

    public string Info => $"{Base}/info";

    public string Telemetry => $"{Base}/telemetry";

    public string Event => $"{Base}/event";

    /// <summary>Every slot's <c>set</c> topic, for subscribing.</summary>
    public string SlotSetFilter => $"{Base}/slot/+/set";

    /// <summary>Every request verb, for subscribing.</summary>
    public string RequestFilter => $"{Base}/request/+";

    /// <summary>Every client's requests to this chassis on the client's own level, for subscribing.</summary>
    public string OwnedRequestFilter => $"{Root}/{RequestsLevel}/+/{ChassisId}/+";

    public string SlotState(int slot) => SlotTopic(slot, "state");

    public string SlotTelemetry(int slot) => SlotTopic(slot, "telemetry");

    public string SlotEvent(int slot) => SlotTopic(slot, "event");

    public string SlotSet(int slot) => SlotTopic(slot, "set");

    public string Request(string verb) => $"{Base}/request/{verb}";

    public string Response(string verb) => $"{Base}/response/{verb}";

    /// <summary><c>pichassis/requests/&lt;client&gt;/&lt;cid&gt;/&lt;verb&gt;</c>: a request on the client's own level.</summary>
    public string OwnedRequest(string client, string verb) => $"{Root}/{RequestsLevel}/{client}/{ChassisId}/{verb}";

    /// <summary>Where an owned request without a response topic (MQTT 3.1.1) is answered.</summary>
    public string OwnedResponse(string client, string verb) => ClientReply(client, $"response/{ChassisId}/{verb}");

    /// <summary>The slot level of a <c>slot/&lt;n&gt;/set</c> topic, as sent (it may not be a number).</summary>
    public bool TryParseSlotSet(string topic, [NotNullWhen(true)] out string? slotLevel) =>
        TryMatch(topic, $"{Base}/slot/", "/set", out slotLevel);

    /// <summary>The verb of a <c>request/&lt;verb&gt;</c> topic, as sent.</summary>
    public bool TryParseRequest(string topic, [NotNullWhen(true)] out string? verb) =>
        TryMatch(topic, $"{Base}/request/", "", out verb);

    /// <summary>The client and verb of an owned request to this chassis, as sent.</summary>
    public bool TryParseOwnedRequest(string topic, [NotNullWhen(true)] out string? client, [NotNullWhen(true)] out string? verb)
    {
        client = verb = null;
        var levels = topic.Split('/');
        if (levels is not [Root, RequestsLevel, { Length: > 0 } who, var chassis, { Length: > 0 } what] || chassis != ChassisId)
        {
            return false;
        }

        (client, verb) = (who, what);
        return true;
    }

    public static bool IsValidChassisId([NotNullWhen(true)] string? chassisId) =>
        chassisId is not null && ChassisIdPattern().IsMatch(chassisId) && chassisId is not (NodesLevel or ClientsLevel or RequestsLevel);

    /// <summary>A reply topic under <c>pichassis/clients/&lt;client&gt;/</c> for <paramref name="client"/>.</summary>
    public static string ClientReply(string client, string rest) => $"{Root}/{ClientsLevel}/{client}/{rest}";

    /// <summary>
    /// The client level of a response topic <c>pichassis/clients/&lt;client&gt;/&lt;at least one more level&gt;</c>;
    /// false for any other topic.
    /// </summary>
    public static bool TryParseClientReply(string? topic, [NotNullWhen(true)] out string? client)
    {
        client = null;
        const string Prefix = $"{Root}/{ClientsLevel}/";
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1 || rest.ContainsAny("+#"))
        {
            return false;
        }

        client = rest[..slash].ToString();
        return true;
    }

    public static string NodeHeartbeat(string node) => NodeTopic(node, "heartbeat");

    public static string NodeAnnounce(string node) => NodeTopic(node, "announce");

    public static string NodeStatus(string node) => NodeTopic(node, "status");

    public static string NodeCommand(string node) => NodeTopic(node, "cmd");

    /// <summary>The node of <c>pichassis/nodes/&lt;node&gt;/&lt;leaf&gt;</c>.</summary>
    public static bool TryParseNodeTopic(string topic, string leaf, [NotNullWhen(true)] out string? node) =>
        TryMatch(topic, $"{Root}/{NodesLevel}/", "/" + leaf, out node);

    private string SlotTopic(int slot, string leaf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        return $"{Base}/slot/{slot.ToString(CultureInfo.InvariantCulture)}/{leaf}";
    }

    private static string NodeTopic(string node, string leaf)
    {
        if (!NodeNames.IsValid(node))
        {
            throw new ArgumentException($"Node name '{node}' cannot be a topic level.", nameof(node));
        }

        return $"{Root}/{NodesLevel}/{node}/{leaf}";
    }

    private static bool TryMatch(string topic, string prefix, string suffix, [NotNullWhen(true)] out string? level)
    {
        level = null;
        if (topic is null || !topic.StartsWith(prefix, StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal)
            || topic.Length <= prefix.Length + suffix.Length)
        {
            return false;
        }

        var middle = topic[prefix.Length..^suffix.Length];
        if (middle.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        level = middle;
        return true;
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex ChassisIdPattern();
}
