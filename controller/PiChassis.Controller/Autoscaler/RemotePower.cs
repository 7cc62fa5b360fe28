using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// Switches nodes of another chassis through that chassis' own controller, never around it: a
/// <c>power</c> request on this controller's requester level (<c>pichassis/requests/&lt;client&gt;/&lt;chassis&gt;/power</c>,
/// source <c>k8s-autoscaler</c>) answered on <c>pichassis/clients/&lt;client&gt;/autoscaler</c>, so the remote
/// chassis' arbitration, budget and protection decide, and its refusal comes back as the gRPC status.
/// At most <see cref="MaxInFlight"/> requests wait per chassis; an answer later than <see cref="Timeout"/> is
/// Unavailable (the command may still be carried out: the autoscaler reads the nodes again).
/// </summary>
public sealed class RemotePower(string client, Func<MqttApplicationMessage, Task<bool>> publish, TimeProvider time) : IMqttTopicHandler
{
    public const int MaxInFlight = 4;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private const int MaxPayload = 64 * 1024;
    private readonly string _replyTopic = Topics.ClientReply(client, "autoscaler");
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Status>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    public IReadOnlyList<MqttTopicFilter> Filters =>
        [MqttServices.Filter(_replyTopic, MqttQualityOfServiceLevel.AtLeastOnce, retainAsPublished: false)];

    /// <summary>Asks <paramref name="chassis"/> to switch <paramref name="nodes"/> to <paramref name="state"/> (<c>on</c> or <c>off</c>, graceful); its answer as a gRPC status.</summary>
    public async Task<Status> SwitchAsync(string chassis, IReadOnlyList<string> nodes, string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (_inFlight.AddOrUpdate(chassis, 1, (_, n) => n + 1) > MaxInFlight)
        {
            _inFlight.AddOrUpdate(chassis, 0, (_, n) => n - 1);
            return new Status(StatusCode.Unavailable, $"chassis {chassis}: {MaxInFlight} requests are waiting for its answer already");
        }

        var id = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<Status>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var payload = new JsonObject
            {
                ["id"] = id,
                ["targets"] = string.Join(",", nodes),
                ["state"] = state,
                ["wait"] = "none",
                ["source"] = NodeGroupActions.Source,
            };
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"{Topics.Root}/{Topics.RequestsLevel}/{client}/{chassis}/power")
                .WithPayload(payload.ToJsonString())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithResponseTopic(_replyTopic)
                .Build();
            if (!await publish(message))
            {
                return new Status(StatusCode.Unavailable, $"chassis {chassis}: not connected to the broker");
            }

            return await answer.Task.WaitAsync(Timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new Status(StatusCode.Unavailable, $"chassis {chassis} did not answer within {Timeout.TotalSeconds:0} s");
        }
        finally
        {
            _pending.TryRemove(id, out _);
            _inFlight.AddOrUpdate(chassis, 0, (_, n) => n - 1);
        }
    }

    public bool TryHandle(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Topic != _replyTopic)
        {
            return false;
        }

        if (message.Payload.Length <= MaxPayload && Read(message.Payload.ToArray()) is ({ } id, var status) && _pending.TryRemove(id, out var answer))
        {
            answer.TrySetResult(status);
        }

        return true;
    }

    /// <summary>The response's id and what it means: ok, or the request's error, else the first target's.</summary>
    private static (string? Id, Status Status) Read(byte[] payload)
    {
        try
        {
            var json = JsonNode.Parse(payload)?.AsObject();
            var id = json?["id"]?.GetValue<string>();
            if (json is null || (string?)json["status"] == "ok")
            {
                return (id, Status.DefaultSuccess);
            }

            var error = json["error"] ?? json["results"]?.AsArray().FirstOrDefault(r => r?["ok"]?.GetValue<bool>() == false)?["error"];
            var code = (string?)error?["code"] ?? "error";
            return (id, new Status(CodeOf(code), $"{code}: {(string?)error?["message"]}"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return (null, Status.DefaultSuccess);
        }
    }

    private static StatusCode CodeOf(string code) => code switch
    {
        ErrorCodes.BudgetExceeded => StatusCode.ResourceExhausted,
        ErrorCodes.RateLimited or ErrorCodes.Unavailable => StatusCode.Unavailable,
        ErrorCodes.InvalidRequest or ErrorCodes.UnknownTarget => StatusCode.InvalidArgument,
        _ => StatusCode.FailedPrecondition,
    };
}
