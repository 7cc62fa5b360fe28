namespace PiChassis.Controller.Policy;

/// <summary>
/// The largest value seen within a sliding time window (a monotonic queue: each value is kept only
/// while no later value is at least as large, so adding and reading are O(1) on average).
/// </summary>
internal sealed class RecentMaximum(TimeSpan window)
{
    private readonly LinkedList<(TimeSpan At, int Value)> _candidates = new();

    public void Add(TimeSpan at, int value)
    {
        while (_candidates.Last is { } last && last.Value.Value <= value)
        {
            _candidates.RemoveLast();
        }

        _candidates.AddLast((at, value));
    }

    /// <summary>The largest value added within the window before <paramref name="now"/>; null when none.</summary>
    public int? Max(TimeSpan now)
    {
        while (_candidates.First is { } first && now - first.Value.At > window)
        {
            _candidates.RemoveFirst();
        }

        return _candidates.First?.Value.Value;
    }
}
