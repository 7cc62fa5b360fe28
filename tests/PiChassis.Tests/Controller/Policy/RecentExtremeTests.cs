using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

public class RecentExtremeTests
{
    [Fact]
    public void Maximum_ValuesOlderThanTheWindow_Forgotten()
    {
        var recent = RecentExtreme.Maximum(TimeSpan.FromMinutes(5));
        recent.Add(TimeSpan.FromMinutes(0), 7);
        recent.Add(TimeSpan.FromMinutes(1), 3);
        recent.Add(TimeSpan.FromMinutes(2), 5);

        Assert.Equal(7, recent.Get(TimeSpan.FromMinutes(5)));
        Assert.Equal(5, recent.Get(TimeSpan.FromMinutes(6)));
        Assert.Equal(5, recent.Get(TimeSpan.FromMinutes(7)));
        Assert.Null(recent.Get(TimeSpan.FromMinutes(8)));
    }

    [Fact]
    public void Maximum_LaterLargerValue_ReplacesEarlierSmallerOnes()
    {
        var recent = RecentExtreme.Maximum(TimeSpan.FromMinutes(5));
        recent.Add(TimeSpan.Zero, 2);
        recent.Add(TimeSpan.FromMinutes(1), 4);
        recent.Add(TimeSpan.FromMinutes(2), 4);

        Assert.Equal(4, recent.Get(TimeSpan.FromMinutes(6.5)));
        Assert.Equal(4, recent.Get(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Minimum_DipWithinTheWindow_HeldUntilItAgesOut()
    {
        var recent = RecentExtreme.Minimum(TimeSpan.FromSeconds(90));
        recent.Add(TimeSpan.Zero, 5);
        recent.Add(TimeSpan.FromSeconds(30), 2);
        recent.Add(TimeSpan.FromSeconds(60), 6);

        Assert.Equal(2, recent.Get(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, recent.Get(TimeSpan.FromSeconds(120)));
        Assert.Equal(6, recent.Get(TimeSpan.FromSeconds(121)));
    }
}
