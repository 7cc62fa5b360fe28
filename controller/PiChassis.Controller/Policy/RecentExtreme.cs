namespace PiChassis.Controller.Policy;

/// <summary>
/// The largest (or smallest) value seen within a sliding time window (a monotonic queue: each value
/// is kept only while no later value is at least as extreme, so adding and reading are O(1) on average).
/// </summary>
internal sealed class RecentExtreme
{
    private readonly LinkedList<(TimeSpan At, int Value)> _candidates = new();
    private readonly TimeSpan _window;
    private readonly int _sign;

    private RecentExtreme(TimeSpan window, int sign)
    {
        _window = window;
        _sign = sign;
    }

    public static RecentExtreme Maximum(TimeSpan window) => new(window, 1);

    public static RecentExtreme Minimum(TimeSpan window) => new(window, -1);

    public void Add(TimeSpan at, int value)
    {
        while (_candidates.Last is { } last && _sign * last.Value.Value <= _sign * value)
        {
            _candidates.RemoveLast();
        }

        _candidates.AddLast((at, value));
    }

    /// <summary>The most extreme value added within the window before <paramref name="now"/>; null when none.</summary>
    public int? Get(TimeSpan now)
    {
        while (_candidates.First is { } first && now - first.Value.At > _window)
        {
            _candidates.RemoveFirst();
        }

        return _candidates.First?.Value.Value;
    }
}
