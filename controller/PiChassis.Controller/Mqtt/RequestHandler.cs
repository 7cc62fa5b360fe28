using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Requests, on the client's own level (<c>pichassis/clients/&lt;client&gt;/request/&lt;cid&gt;/&lt;verb&gt;</c>)
/// or the chassis' (<c>pichassis/&lt;cid&gt;/request/&lt;verb&gt;</c>): checks the request, answers a
/// repeated id with its first response, refuses floods, and runs the rest off the receive path (a
/// <c>ready</c> wait takes minutes). The reply goes to the MQTT 5 response topic with the correlation
/// data echoed, which must lie under <c>pichassis/clients/&lt;client&gt;/</c>, and for an owned request
/// under that request's own client level (else the request is refused unanswered: a requester must not
/// make the controller publish on a state, command or another client's topic); without one it goes to
/// <c>pichassis/clients/&lt;client&gt;/response/&lt;cid&gt;/&lt;verb&gt;</c> for an owned request, else to
/// <c>response/&lt;verb&gt;</c>. Ids are remembered per client (<see cref="IdempotencyCache"/>).
/// Each client (the <c>&lt;client&gt;</c> level; 3.1.1 clients share one) has its own rate, so a
/// noisy one cannot use up another's; the chassis-wide rate, ten times a client's, bounds what
/// clients that invent names can send. A client over its rate is told <c>rate_limited</c> a few
/// times a second at most: a flood must not become a flood of replies and log lines.
/// </summary>
public sealed partial class RequestHandler : IDisposable
{
    /// <summary>Requests worked on at once; more are refused as <c>rate_limited</c>.</summary>
    public const int MaxInFlight = 64;

    private readonly MqttConnection _connection;
    private readonly Topics _topics;
    private readonly RequestExecutor _executor;
    private readonly IdempotencyCache _cache;
    private readonly Rejections _rejections;
    private readonly KeyedRateLimits _perClient;
    private readonly TokenBucket _chassisWide;
    private readonly KeyedRateLimits _refusalReplies;
    private readonly ILogger<RequestHandler> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;

    public RequestHandler(
        MqttConnection connection,
        Topics topics,
        RequestExecutor executor,
        IdempotencyCache cache,
        Rejections rejections,
        IOptions<MqttOptions> options,
        TimeProvider time,
        ILogger<RequestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _topics = topics;
        _executor = executor;
        _cache = cache;
        _rejections = rejections;
        _logger = logger;
        var rate = options.Value.CommandRatePerSecond;
        _perClient = new KeyedRateLimits(rate, rate * 10, 1024, time);
        _chassisWide = new TokenBucket(rate * 10, rate * 100, time);
        _refusalReplies = new KeyedRateLimits(2, 5, 1024, time);
    }

    /// <param name="owner">The client level of an owned request's topic; null on the chassis' request topic.</param>
    public Task HandleAsync(string verb, MqttApplicationMessage message, string? owner = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ReadOnlySpan<byte> payload = message.Payload.IsSingleSegment ? message.Payload.FirstSpan : message.Payload.ToArray();
        var parsed = RequestParser.TryParse(verb, payload, out var request, out var rejection);
        if (!TryGetClient(owner, message.ResponseTopic, out var client))
        {
            _rejections.RefuseReply(message.Topic, request?.Id ?? rejection?.Id, message.ResponseTopic);
            return Task.CompletedTask;
        }

        var replyTo = !string.IsNullOrEmpty(message.ResponseTopic) ? message.ResponseTopic
            : owner is null ? _topics.Response(verb) : _topics.OwnedResponse(owner, verb);

        var limited = !_perClient.TryTake(client) || !_chassisWide.TryTake();

        if (!parsed)
        {
            if (rejection!.Id is null)
            {
                _rejections.Reject(message.Topic, null, rejection.Message);
                return Task.CompletedTask;
            }

            request = null;
        }

        var id = request?.Id ?? rejection!.Id!;
        if (limited && !_refusalReplies.TryTake(client))
        {
            return Task.CompletedTask;
        }

        if (limited || (request is not null && !TryEnter()))
        {
            LogRateLimited(id, client);
            return ReplyAsync(replyTo, message, Serialize(_executor.Error(id, ErrorCodes.RateLimited, "too many requests; try again shortly")));
        }

        if (request is null)
        {
            LogInvalid(message.Topic, id, rejection!.Message);
            return ReplyAsync(replyTo, message, Serialize(_executor.Error(id, ErrorCodes.InvalidRequest, rejection.Message)));
        }

        request = request with { Requester = client };
        var outcome = _cache.GetOrStart(client, request.Id, verb, payload, () => RunAsync(request), out var response);
        if (outcome != IdempotencyOutcome.Started)
        {
            Leave();
        }

        if (response is null)
        {
            LogReused(request.Id, verb);
            return ReplyAsync(replyTo, message, Serialize(_executor.Error(request.Id, ErrorCodes.InvalidRequest,
                $"id reused: '{request.Id}' was sent before with another verb or content; use a new id for a new request")));
        }

        if (outcome == IdempotencyOutcome.Repeated)
        {
            LogRepeated(request.Id);
        }

        _ = ReplyWhenDoneAsync(replyTo, message, response);
        return Task.CompletedTask;
    }

    /// <summary>Stops answering: responses still being worked on are dropped (the controller is going offline).</summary>
    public Task StopAsync() => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// The requester's client level for idempotency and rates: an owned request's own, which its response
    /// topic must lie under; else from its response topic, "" without one (MQTT 3.1.1).
    /// </summary>
    private static bool TryGetClient(string? owner, string? responseTopic, [NotNullWhen(true)] out string? client)
    {
        if (string.IsNullOrEmpty(responseTopic))
        {
            client = owner ?? "";
            return true;
        }

        return Topics.TryParseClientReply(responseTopic, out client) && (owner is null || client == owner);
    }

    private bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= MaxInFlight)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    private void Leave() => Interlocked.Decrement(ref _inFlight);

    private async Task<byte[]> RunAsync(ParsedRequest request)
    {
        try
        {
            // Every verb but events hands its work to the engine loop at its first await; events reads
            // the journal at once, which must not hold up the receive path or the idempotency cache.
            if (request.Verb == RequestVerbs.Events)
            {
                await Task.Yield();
            }

            return Serialize(await _executor.ExecuteAsync(request));
        }
        catch (InvalidOperationException e)
        {
            // The engine loop has stopped: the controller is shutting down.
            return Serialize(_executor.Error(request.Id, ErrorCodes.Unavailable, e.Message));
        }
        finally
        {
            Leave();
        }
    }

    private async Task ReplyWhenDoneAsync(string topic, MqttApplicationMessage request, Task<byte[]> response)
    {
        try
        {
            await ReplyAsync(topic, request, await response.WaitAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(request.Topic, e);
        }
    }

    private async Task ReplyAsync(string topic, MqttApplicationMessage request, byte[] response)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(response)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        if (request.CorrelationData is { Length: > 0 } correlation)
        {
            builder.WithCorrelationData(correlation);
        }

        if (!await _connection.PublishAsync(builder.Build(), _stopping.Token))
        {
            LogReplyLost(topic);
        }
    }

    private static byte[] Serialize(ResponsePayload response) => JsonSerializer.SerializeToUtf8Bytes(response, PiChassisJson.Wire.ResponsePayload);

    [LoggerMessage(EventId = 430, Level = LogLevel.Information, Message = "Request on {Topic} (id {Id}) refused: {Reason}")]
    private partial void LogInvalid(string topic, string id, string reason);

    [LoggerMessage(EventId = 431, Level = LogLevel.Warning, Message = "Request {Id} of client '{Client}' refused: too many requests (more get no answer until its rate allows)")]
    private partial void LogRateLimited(string id, string client);

    [LoggerMessage(EventId = 432, Level = LogLevel.Debug, Message = "Request {Id} repeated: answering with its first response")]
    private partial void LogRepeated(string id);

    [LoggerMessage(EventId = 436, Level = LogLevel.Information, Message = "Request {Id} ({Verb}) refused: id reused for another verb or content")]
    private partial void LogReused(string id, string verb);

    [LoggerMessage(EventId = 433, Level = LogLevel.Warning, Message = "Response to {Topic} could not be sent: the broker is not reachable")]
    private partial void LogReplyLost(string topic);

    [LoggerMessage(EventId = 434, Level = LogLevel.Error, Message = "Request on {Topic} failed")]
    private partial void LogFailed(string topic, Exception exception);
}
