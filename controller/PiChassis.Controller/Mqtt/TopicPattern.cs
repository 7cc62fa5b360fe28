namespace PiChassis.Controller.Mqtt;

/// <summary>MQTT topic filter matching for the embedded broker's access rules.</summary>
public static class TopicPattern
{
    /// <summary>Whether <paramref name="topic"/> (no wildcards) falls under <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic) => Covers(filter, topic);

    /// <summary>
    /// Whether every topic <paramref name="subscription"/> can match also matches <paramref name="filter"/>:
    /// a rule's <c>+</c> covers one level (even a <c>+</c>), its <c>#</c> everything below.
    /// </summary>
    public static bool Covers(string filter, string subscription)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(subscription);
        var rule = filter.Split('/');
        var asked = subscription.Split('/');
        for (var i = 0; i < rule.Length; i++)
        {
            if (rule[i] == "#")
            {
                return true;
            }

            if (i >= asked.Length || asked[i] == "#" || (rule[i] != "+" && rule[i] != asked[i]))
            {
                return false;
            }
        }

        return rule.Length == asked.Length;
    }
}
