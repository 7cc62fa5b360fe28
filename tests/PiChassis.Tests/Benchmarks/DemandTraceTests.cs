using PiChassis.Benchmarks;

namespace PiChassis.Tests.Benchmarks;

/// <summary>The benchmark's demand traces: one day as before, or several with the weekday they start on.</summary>
public sealed class DemandTraceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"demand-{Guid.NewGuid():N}.csv");

    [Fact]
    public void Load_OneDayWithoutWeekday_OneDayAsBefore()
    {
        File.WriteAllText(_path, "# a day\nminute,nodes\n0,1\n1439,3\n");

        var trace = DemandTrace.Load(_path);

        Assert.Equal(1, trace.Days);
        Assert.Equal(DemandTrace.MinutesPerDay, trace.Nodes.Count);
        Assert.Null(trace.StartsOn);
        Assert.Null(trace.WeekdayOf(0));
        Assert.Equal(4, trace.NodeMinutes);
    }

    [Fact]
    public void Load_MinuteOfTheThirdDay_RunsToTheEndOfThatDay()
    {
        File.WriteAllText(_path, "# starts on: Saturday\nminute,nodes\n10,2\n2900,5\n");

        var trace = DemandTrace.Load(_path);

        Assert.Equal(3, trace.Days);
        Assert.Equal(5, trace.Nodes[2900]);
        Assert.Equal([2, 0, 5], Enumerable.Range(0, 3).Select(trace.NodeMinutesOn));
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday], Enumerable.Range(0, 3).Select(d => trace.WeekdayOf(d)!.Value));
    }

    [Theory]
    [InlineData("# starts on: Funday")]
    [InlineData("# starts on: 3")]
    public void Load_StartsOnNotAWeekday_Refused(string comment)
    {
        File.WriteAllText(_path, $"{comment}\nminute,nodes\n0,1\n");

        Assert.Throws<FormatException>(() => DemandTrace.Load(_path));
    }

    public void Dispose() => File.Delete(_path);
}
