using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// The latest slot state and status of each <c>Autoscaler:RemoteChassis</c>, read from their retained
/// topics: what a group's remote nodes are and whether their chassis can be asked. Written by the MQTT
/// client's thread, read on the engine loop: concurrent maps, no lock. Bounded by the chassis listed
/// and <see cref="DefaultWiring.MaxSlots"/> slots each; anything else on those topics is dropped.
/// </summary>
public sealed partial class RemoteSlots : IMqttTopicHandler
{
    private const int MaxPayload = 4096;
    private readonly List<string> _chassis;
    private readonly IReadOnlyList<string> _wanted;
    private readonly ConcurrentDictionary<(string Chassis, int Slot), RemoteSlot> _slots = new();
    private readonly ConcurrentDictionary<string, bool> _online = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);
    private readonly ILogger<RemoteSlots> _logger;

    public RemoteSlots(AutoscalerOptions options, NodeGroupSet groups, ILogger<RemoteSlots> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(groups);
        _chassis = [.. options.RemoteChassis];
        _wanted = [.. groups.Groups.SelectMany(g => g.RemoteNodes)];
        _logger = logger;
        Filters = [.. _chassis.SelectMany(c => new[]
        {
            MqttServices.Filter($"{Topics.Root}/{c}/slot/+/state", MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: false),
            MqttServices.Filter($"{Topics.Root}/{c}/status", MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: false),
        })];
    }

    public IReadOnlyList<MqttTopicFilter> Filters { get; }

    /// <summary>The remote slot answering to <paramref name="node"/>, if any listed chassis has one.</summary>
    public RemoteSlot? Find(string node) => _slots.Values
        .Where(s => string.Equals(s.Node, node, StringComparison.Ordinal))
        .OrderBy(s => _chassis.IndexOf(s.Chassis)).FirstOrDefault();

    public RemoteSlot? Find(string chassis, int slot) => _slots.GetValueOrDefault((chassis, slot));

    /// <summary>Online as its controller last said (retained status; the broker publishes its Last Will when it drops).</summary>
    public bool IsReachable(string chassis) => _online.GetValueOrDefault(chassis);

    public bool TryHandle(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var levels = message.Topic.Split('/');
        if (levels.Length < 3 || levels[0] != Topics.Root || !_chassis.Contains(levels[1]))
        {
            return false;
        }

        if (message.Payload.Length > MaxPayload)
        {
            return true;
        }

        if (levels is [_, var chassis, "status"])
        {
            var online = Encoding.UTF8.GetString(message.Payload).Trim() == Availability.Online;
            _online[chassis] = online;
            if (online)
            {
                WarnUnknown();
            }

            return true;
        }

        if (levels is [_, var owner, "slot", var number, "state"] && int.TryParse(number, out var slot) && slot is >= 1 and <= DefaultWiring.MaxSlots)
        {
            if (Parse(owner, slot, message.Payload.ToArray()) is { } state)
            {
                _slots[(owner, slot)] = state;
            }

            return true;
        }

        return true;
    }

    /// <summary>Once every listed chassis has said online (its status comes after all its slot states), a node none has is named once.</summary>
    private void WarnUnknown()
    {
        if (!_chassis.All(c => _online.ContainsKey(c)))
        {
            return;
        }

        foreach (var node in _wanted.Where(n => Find(n) is null && _warned.TryAdd(n, true)))
        {
            LogUnknownNode(node, string.Join(", ", _chassis));
        }
    }

    private static RemoteSlot? Parse(string chassis, int slot, byte[] payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "node") is not { } node || !NodeNames.IsValid(node)
                || PhaseOf(Text(root, "phase")) is not { } phase)
            {
                return null;
            }

            var fault = root.TryGetProperty("fault", out var f) && f.ValueKind == JsonValueKind.Object ? f : (JsonElement?)null;
            return new RemoteSlot(chassis, slot, node, phase, Text(root, "policy") ?? "manual",
                root.TryGetProperty("locked", out var locked) && locked.ValueKind == JsonValueKind.True,
                fault is { } a ? Text(a, "code") ?? "fault" : null, fault is { } b ? Text(b, "message") ?? "" : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static SlotPhase? PhaseOf(string? wire) => Enum.GetValues<SlotPhase>().Cast<SlotPhase?>().FirstOrDefault(p => PowerEngine.Wire(p!.Value) == wire);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Autoscaler node {Node} is no slot of this chassis nor of the remote chassis ({Chassis}); it is left out of its group")]
    private partial void LogUnknownNode(string node, string chassis);
}
