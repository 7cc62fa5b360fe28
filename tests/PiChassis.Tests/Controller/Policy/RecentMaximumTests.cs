using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

public class RecentMaximumTests
{
    [Fact]
    public void Max_ValuesOlderThanTheWindow_Forgotten()
    {
        var recent = new RecentMaximum(TimeSpan.FromMinutes(5));
        recent.Add(TimeSpan.FromMinutes(0), 7);
        recent.Add(TimeSpan.FromMinutes(1), 3);
        recent.Add(TimeSpan.FromMinutes(2), 5);

        Assert.Equal(7, recent.Max(TimeSpan.FromMinutes(5)));
        Assert.Equal(5, recent.Max(TimeSpan.FromMinutes(6)));
        Assert.Equal(5, recent.Max(TimeSpan.FromMinutes(7)));
        Assert.Null(recent.Max(TimeSpan.FromMinutes(8)));
    }

    [Fact]
    public void Max_LaterLargerValue_ReplacesEarlierSmallerOnes()
    {
        var recent = new RecentMaximum(TimeSpan.FromMinutes(5));
        recent.Add(TimeSpan.Zero, 2);
        recent.Add(TimeSpan.FromMinutes(1), 4);
        recent.Add(TimeSpan.FromMinutes(2), 4);

        Assert.Equal(4, recent.Max(TimeSpan.FromMinutes(6.5)));
        Assert.Equal(4, recent.Max(TimeSpan.FromMinutes(2)));
    }
}
