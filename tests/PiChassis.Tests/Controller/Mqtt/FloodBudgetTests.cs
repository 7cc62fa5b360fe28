using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

/// <summary>One noisy sender cannot use up another's budget: heartbeats per node, requests per client.</summary>
public class FloodBudgetTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Heartbeats_TenThousandOnOneNodesTopic_AnotherNodesBeatStillRead()
    {
        var budget = new HeartbeatBudget(node => node is "node01" or "node02", _time);

        var flood = Enumerable.Range(0, 10_000).Count(_ => budget.TryTake("node01"));

        Assert.InRange(flood, 1, 5);
        Assert.True(budget.TryTake("node02"));
    }

    [Fact]
    public void Heartbeats_FloodOfMadeUpNames_OwnNodesStillRead()
    {
        var budget = new HeartbeatBudget(node => node == "node01", _time);

        var strangers = Enumerable.Range(0, 10_000).Count(i => budget.TryTake($"fake{i}"));

        Assert.InRange(strangers, 1, 100);
        Assert.True(budget.TryTake("node01"));
    }

    [Fact]
    public void KeyedRateLimits_OneKeyFloods_OthersKeepTheirRateAndItsRefills()
    {
        var limits = new KeyedRateLimits(ratePerSecond: 2, burst: 5, capacity: 16, _time);

        var flood = Enumerable.Range(0, 1000).Count(_ => limits.TryTake("flood"));
        var other = Enumerable.Range(0, 10).Count(_ => limits.TryTake("operator"));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(5, flood);
        Assert.Equal(5, other);
        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => limits.TryTake("flood")));
    }

    [Fact]
    public void KeyedRateLimits_PastTheCapacity_TheHeldBackStayHeldBackAndTheFullestAreForgotten()
    {
        // A flood that invents more keys than the capacity must not win its own empty bucket back.
        var limits = new KeyedRateLimits(ratePerSecond: 1, burst: 5, capacity: 4, _time);
        Assert.Equal(5, Enumerable.Range(0, 10).Count(_ => limits.TryTake("flood")));
        Assert.Equal(2, Enumerable.Range(0, 2).Count(_ => limits.TryTake("operator")));

        var invented = Enumerable.Range(0, 100).Count(i => limits.TryTake($"made-up {i}"));

        Assert.Equal(100, invented);
        Assert.False(limits.TryTake("flood"));

        // Each made-up key is left fuller (4 of 5) than the operator's (3 of 5): the operator keeps its own count.
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limits.TryTake("operator")));
    }
}
