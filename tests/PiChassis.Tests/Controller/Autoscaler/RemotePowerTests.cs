using System.Buffers;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using PiChassis.Controller.Autoscaler;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// The requests this controller sends another chassis' controller for the autoscaler: bounded in
/// flight per chassis, given up after <see cref="RemotePower.Timeout"/>, and answered by id only.
/// The broker is left out: what is published is kept, answers are handed in as the broker would.
/// </summary>
public sealed class RemotePowerTests
{
    private const string ReplyTopic = "pichassis/clients/rack1/autoscaler";
    private readonly FakeTimeProvider _time = new();
    private readonly List<MqttApplicationMessage> _sent = [];
    private readonly RemotePower _remote;

    public RemotePowerTests()
    {
        _remote = new RemotePower("rack1", m => { _sent.Add(m); return Task.FromResult(true); }, _time);
    }

    [Fact]
    public async Task SwitchAsync_NoAnswerWithinTheTimeout_UnavailableAndALateAnswerIgnored()
    {
        var call = _remote.SwitchAsync("rack2", ["node09"], "on", CancellationToken.None);
        _time.Advance(RemotePower.Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var status = await Settled(call);

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
        Assert.Contains("did not answer within 5 s", status.Detail, StringComparison.Ordinal);
        Assert.True(_remote.TryHandle(Answer(IdOf(_sent[0]), """{"status":"ok"}""")));
    }

    [Fact]
    public async Task SwitchAsync_FourWaitingForAChassis_TheFifthRefusedAtOnceAnotherChassisServed()
    {
        var waiting = Enumerable.Range(0, RemotePower.MaxInFlight).Select(_ => _remote.SwitchAsync("rack2", ["node09"], "on", CancellationToken.None)).ToList();

        var fifthCall = _remote.SwitchAsync("rack2", ["node10"], "on", CancellationToken.None);
        var other = _remote.SwitchAsync("rack3", ["node17"], "on", CancellationToken.None);

        Assert.True(fifthCall.IsCompleted);
        var fifth = await fifthCall;
        Assert.Equal(StatusCode.Unavailable, fifth.StatusCode);
        Assert.Contains("4 requests are waiting", fifth.Detail, StringComparison.Ordinal);
        Assert.Equal(RemotePower.MaxInFlight + 1, _sent.Count);
        Assert.EndsWith("/rack3/power", _sent[^1].Topic, StringComparison.Ordinal);
        Assert.False(other.IsCompleted);

        // One answered: its place is free again.
        _remote.TryHandle(Answer(IdOf(_sent[0]), """{"status":"ok"}"""));
        Assert.Equal(StatusCode.OK, (await Settled(waiting[0])).StatusCode);
        var next = _remote.SwitchAsync("rack2", ["node10"], "on", CancellationToken.None);
        Assert.False(next.IsCompleted);
        Assert.Equal(RemotePower.MaxInFlight + 2, _sent.Count);
    }

    [Fact]
    public async Task SwitchAsync_RemoteRefusesOverBudget_ResourceExhaustedWithItsMessage()
    {
        var call = _remote.SwitchAsync("rack2", ["node09"], "on", CancellationToken.None);
        var request = JsonNode.Parse(_sent[0].Payload.ToArray())!;
        Assert.Equal("pichassis/requests/rack1/rack2/power", _sent[0].Topic);
        Assert.Equal(ReplyTopic, _sent[0].ResponseTopic);
        Assert.Equal("k8s-autoscaler", (string?)request["source"]);

        // An answer to another id changes nothing; the request's own answer decides.
        _remote.TryHandle(Answer("someone-else", """{"status":"ok"}"""));
        Assert.False(call.IsCompleted);
        _remote.TryHandle(Answer((string)request["id"]!, """{"status":"error","results":[{"ok":false,"error":{"code":"budget_exceeded","message":"needs 7.0 W, 3.0 W free"}}]}"""));

        var status = await Settled(call);
        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.Equal("budget_exceeded: needs 7.0 W, 3.0 W free", status.Detail);
    }

    // Answers complete the call on the thread pool; a call that never completes fails here instead of hanging the run.
    private static Task<Status> Settled(Task<Status> call) => call.WaitAsync(TimeSpan.FromSeconds(30));

    private static string IdOf(MqttApplicationMessage request) => (string)JsonNode.Parse(request.Payload.ToArray())!["id"]!;

    private static MqttApplicationMessage Answer(string id, string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json["id"] = id;
        return new MqttApplicationMessageBuilder().WithTopic(ReplyTopic).WithPayload(json.ToJsonString()).Build();
    }
}
