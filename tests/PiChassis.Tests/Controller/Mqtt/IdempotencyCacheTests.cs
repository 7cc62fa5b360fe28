using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class IdempotencyCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task GetOrStart_RepeatedId_GivesTheFirstResponseAndRunsOnce()
    {
        var cache = new IdempotencyCache(_time);
        var runs = 0;
        Task<byte[]> Work() => Task.FromResult(new[] { (byte)++runs });

        Assert.True(cache.GetOrStart("a", Work, out var first));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(cache.GetOrStart("a", Work, out var again));

        Assert.Equal(1, runs);
        Assert.Same(first, again);
        Assert.Equal([1], await again);
    }

    [Fact]
    public void GetOrStart_WhileTheFirstIsStillRunning_SharesItsResponse()
    {
        var cache = new IdempotencyCache(_time);
        var pending = new TaskCompletionSource<byte[]>();

        cache.GetOrStart("a", () => pending.Task, out var first);
        cache.GetOrStart("a", () => throw new InvalidOperationException("must not run"), out var second);

        Assert.Same(first, second);
    }

    [Fact]
    public void GetOrStart_AfterTenMinutes_RunsAgain()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("a", () => Task.FromResult(Array.Empty<byte>()), out _);

        _time.Advance(IdempotencyCache.Lifetime);

        Assert.True(cache.GetOrStart("a", () => Task.FromResult(Array.Empty<byte>()), out _));
    }

    [Fact]
    public async Task GetOrStart_FailedWork_IsForgottenSoTheIdCanBeRetried()
    {
        var cache = new IdempotencyCache(_time);
        cache.GetOrStart("a", () => Task.FromException<byte[]>(new InvalidOperationException()), out var failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);

        await WaitUntil(() => cache.Count == 0);

        Assert.True(cache.GetOrStart("a", () => Task.FromResult(Array.Empty<byte>()), out _));
    }

    [Fact]
    public void GetOrStart_Full_ForgetsTheOldest()
    {
        var cache = new IdempotencyCache(_time, capacity: 3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            cache.GetOrStart(id, () => Task.FromResult(Array.Empty<byte>()), out _);
        }

        Assert.Equal(3, cache.Count);
        Assert.True(cache.GetOrStart("a", () => Task.FromResult(Array.Empty<byte>()), out _));
        Assert.False(cache.GetOrStart("d", () => Task.FromResult(Array.Empty<byte>()), out _));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
