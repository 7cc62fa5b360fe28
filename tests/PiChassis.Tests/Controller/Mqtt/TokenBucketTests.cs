using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class TokenBucketTests
{
    [Fact]
    public void TryTake_BurstThenRate_RefusesBeyondAndRefills()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 2, burst: 5, time);

        var burst = Enumerable.Range(0, 10).Count(_ => bucket.TryTake());
        time.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = Enumerable.Range(0, 10).Count(_ => bucket.TryTake());
        time.Advance(TimeSpan.FromHours(1));
        var afterAnHour = Enumerable.Range(0, 10).Count(_ => bucket.TryTake());

        Assert.Equal(5, burst);
        Assert.Equal(2, afterOneSecond);
        Assert.Equal(5, afterAnHour);
    }
}
