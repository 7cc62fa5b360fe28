using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class IdempotencyCacheTests
{
    private static readonly byte[] Content = """{"id":"a"}"""u8.ToArray();

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task GetOrStart_RepeatedId_GivesTheFirstResponseAndRunsOnce()
    {
        var cache = new IdempotencyCache(_time);
        var runs = 0;
        Task<byte[]> Work() => Task.FromResult(new[] { (byte)++runs });

        Assert.Equal(IdempotencyOutcome.Started, cache.GetOrStart("", "a", "status", Content, Work, out var first));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(IdempotencyOutcome.Repeated, cache.GetOrStart("", "a", "status", Content, Work, out var again));

        Assert.Equal(1, runs);
        Assert.Same(first, again);
        Assert.Equal([1], await again!);
    }

    [Fact]
    public void GetOrStart_SameRequestLaidOutAnew_RepeatedAndAnotherValueReused()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("", "a", "power", """{"id":"a","targets":"slot:1","state":"on"}"""u8, () => Task.FromResult(Array.Empty<byte>()), out _);

        Assert.Equal(IdempotencyOutcome.Repeated,
            cache.GetOrStart("", "a", "power", "{ \"state\": \"on\",\n  \"id\": \"a\", \"targets\": \"slot:\\u0031\" }"u8, () => throw new InvalidOperationException("must not run"), out _));
        Assert.Equal(IdempotencyOutcome.Reused,
            cache.GetOrStart("", "a", "power", """{"id":"a","targets":"slot:1","state":"off"}"""u8, () => throw new InvalidOperationException("must not run"), out _));
    }

    [Fact]
    public void GetOrStart_WhileTheFirstIsStillRunning_SharesItsResponse()
    {
        var cache = new IdempotencyCache(_time);
        var pending = new TaskCompletionSource<byte[]>();

        cache.GetOrStart("", "a", "status", Content, () => pending.Task, out var first);
        cache.GetOrStart("", "a", "status", Content, () => throw new InvalidOperationException("must not run"), out var second);

        Assert.Same(first, second);
    }

    [Fact]
    public void GetOrStart_AfterTenMinutes_RunsAgain()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("", "a", "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _);

        _time.Advance(IdempotencyCache.Lifetime);

        Assert.Equal(IdempotencyOutcome.Started, cache.GetOrStart("", "a", "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _));
    }

    [Fact]
    public async Task GetOrStart_FailedWork_IsForgottenSoTheIdCanBeRetried()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("", "a", "status", Content, () => Task.FromException<byte[]>(new InvalidOperationException()), out var failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed!);

        await WaitUntil(() => cache.Count == 0);

        Assert.Equal(IdempotencyOutcome.Started, cache.GetOrStart("", "a", "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _));
    }

    [Fact]
    public void GetOrStart_Full_ForgetsTheOldest()
    {
        var cache = new IdempotencyCache(_time, capacity: 3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            cache.GetOrStart("", id, "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _);
        }

        Assert.Equal(3, cache.Count);
        Assert.Equal(IdempotencyOutcome.Started, cache.GetOrStart("", "a", "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _));
        Assert.Equal(IdempotencyOutcome.Repeated, cache.GetOrStart("", "d", "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _));
    }

    [Fact]
    public void GetOrStart_SameIdOtherVerb_ReusedAndNotRun()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("", "job-1001", "status", Content, () => Task.FromResult(Array.Empty<byte>()), out _);

        var outcome = cache.GetOrStart("", "job-1001", "power", Content, () => throw new InvalidOperationException("must not run"), out var response);

        Assert.Equal(IdempotencyOutcome.Reused, outcome);
        Assert.Null(response);
    }

    [Fact]
    public void GetOrStart_SameIdOtherContent_ReusedAndNotRun()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("", "a", "power", """{"id":"a","state":"on"}"""u8, () => Task.FromResult(Array.Empty<byte>()), out _);

        var outcome = cache.GetOrStart("", "a", "power", """{"id":"a","state":"off"}"""u8, () => throw new InvalidOperationException("must not run"), out _);

        Assert.Equal(IdempotencyOutcome.Reused, outcome);
    }

    [Fact]
    public async Task GetOrStart_SameIdOtherClient_RunsForEach()
    {
        var cache = new IdempotencyCache(_time);

        var first = cache.GetOrStart("slurm", "a", "status", Content, () => Task.FromResult(new byte[] { 1 }), out _);
        var second = cache.GetOrStart("dashboard", "a", "status", Content, () => Task.FromResult(new byte[] { 2 }), out var response);

        Assert.Equal(IdempotencyOutcome.Started, first);
        Assert.Equal(IdempotencyOutcome.Started, second);
        Assert.Equal([2], await response!);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
