using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class TopicPatternTests
{
    [Theory]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    public void Matches_Topics(string filter, string topic, bool expected) => Assert.Equal(expected, TopicPattern.Matches(filter, topic));

    [Theory]
    [InlineData("a/+/c", "a/+/c", true)]
    [InlineData("a/#", "a/+/#", true)]
    [InlineData("a/+/c", "a/#", false)]
    [InlineData("a/b/#", "a/+/#", false)]
    [InlineData("a/+", "+/b", false)]
    public void Covers_SubscriptionsOnlyWhenEveryTopicMatches(string filter, string subscription, bool expected) =>
        Assert.Equal(expected, TopicPattern.Covers(filter, subscription));
}
