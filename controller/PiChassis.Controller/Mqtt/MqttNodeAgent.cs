using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Asks a node to halt through its agent: <c>{"id","action":"halt"}</c> on
/// <c>pichassis/nodes/&lt;node&gt;/cmd</c>. Nodes without the agent are reached by the configured
/// halt command (<paramref name="fallback"/>) as well. Fire and forget: the engine watches the
/// halt current and forces the cut after its timeout, broker or not.
/// </summary>
public sealed partial class MqttNodeAgent(MqttConnection connection, INodeAgent? fallback, ILogger<MqttNodeAgent> logger) : INodeAgent
{
    public void RequestHalt(int slot, string node)
    {
        fallback?.RequestHalt(slot, node);
        if (!NodeNames.IsValid(node))
        {
            LogBadName(slot, node);
            return;
        }

        var command = new NodeCommandPayload(Guid.NewGuid().ToString("N")[..12], WireValues.HaltAction);
        // Serialising and publishing happen off the engine loop, which called this.
        _ = Task.Run(() => SendAsync(slot, node, command));
    }

    private async Task SendAsync(int slot, string node, NodeCommandPayload command)
    {
        var sent = await connection.PublishAsync(MqttMessages.Json(Topics.NodeCommand(node), command, PiChassisJson.Wire.NodeCommandPayload));
        if (sent)
        {
            LogSent(slot, node, command.Id);
        }
        else
        {
            LogNotSent(slot, node);
        }
    }

    [LoggerMessage(EventId = 443, Level = LogLevel.Information, Message = "Slot {Slot}: asked node {Node} to halt (command {Id})")]
    private partial void LogSent(int slot, string node, string id);

    [LoggerMessage(EventId = 444, Level = LogLevel.Warning, Message = "Slot {Slot}: the halt for node {Node} could not be sent (broker unreachable); the cut is forced after the halt timeout")]
    private partial void LogNotSent(int slot, string node);

    [LoggerMessage(EventId = 445, Level = LogLevel.Warning, Message = "Slot {Slot}: node name {Node} cannot be a topic; no halt sent over MQTT")]
    private partial void LogBadName(int slot, string node);
}
