namespace PiChassis.Controller.Policy;

/// <summary>
/// The scheduler's rhythm: the most nodes it asked for in each minute, by local time, for
/// <see cref="Retention"/>. It predicts a minute from the same minute (± <see cref="Window"/>) on
/// the past days of the same kind (weekdays for a weekday, weekend days for a weekend day), or of
/// the same weekday where those agree on a rhythm of their own: the median of those days' demand,
/// and how far they agree. A forecast of today reads each past day lined up with today's timing and
/// weight where today's steady work shows them (<see cref="DayAlignment"/>). Not thread-safe: the
/// policy owns it on the engine's loop.
/// </summary>
/// <remarks>
/// A day counts only where it has a recorded minute within the window, so hours the controller was
/// down (or had no target) neither teach nor unteach anything. A clock that jumps only files the
/// minutes under another time: each minute keeps its highest demand, nothing is overwritten lower.
/// </remarks>
public sealed class DemandProfile
{
    public const int MinutesPerDay = 1440;

    /// <summary>Minutes either side read on a past day lined up with today: its lag is known to the minute, not the minute's rounding.</summary>
    public const int AlignedWindow = 1;

    private readonly Dictionary<long, int> _minutes = [];
    private readonly Dictionary<long, DemandForecast> _forecasts = [];
    private readonly Dictionary<long, DayAlignment?> _alignments = [];
    private readonly IDemandHistory? _history;
    private readonly TimeProvider _time;
    private long _lastMinute = long.MinValue;
    private long _alignedAt = long.MinValue;
    private int?[]? _today;

    /// <summary>An empty profile in memory, or the one <paramref name="history"/> kept, forgetting what is beyond <paramref name="retention"/>.</summary>
    public DemandProfile(TimeProvider time, TimeSpan retention, int window, IDemandHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _history = history;
        Retention = retention;
        Window = window;
        var keepFrom = MinuteOf(time.GetUtcNow()) - RetentionMinutes;
        foreach (var (minute, nodes) in history?.Load() ?? [])
        {
            if (minute >= keepFrom)
            {
                _minutes[minute] = Math.Max(nodes, _minutes.GetValueOrDefault(minute));
            }
        }
    }

    public TimeSpan Retention { get; }

    /// <summary>Minutes either side of the predicted one looked at on each past day not lined up with today: a wave a few minutes early or late still counts.</summary>
    public int Window { get; }

    /// <summary>How many minutes the profile holds.</summary>
    public int Count => _minutes.Count;

    private long RetentionMinutes => (long)Retention.TotalMinutes;

    /// <summary>Notes that the scheduler asks for <paramref name="nodes"/> now.</summary>
    public void Record(int nodes)
    {
        var minute = MinuteOf(_time.GetUtcNow());
        // The forecasts are cleared by Predict, once a minute; a new day forgets what is beyond the retention.
        if (minute / MinutesPerDay != _lastMinute / MinutesPerDay)
        {
            Prune(minute - RetentionMinutes);
        }

        _lastMinute = minute;

        if (_minutes.TryGetValue(minute, out var known) && known >= nodes)
        {
            return;
        }

        _minutes[minute] = nodes;
        _history?.Save(minute, nodes, minute - RetentionMinutes);
    }

    /// <summary>The demand expected in the minute that holds <paramref name="at"/>; the forecast is for that minute's start.</summary>
    public DemandForecast Predict(DateTimeOffset at)
    {
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var minute = MinuteOf(at);
        var now = MinuteOf(_time.GetUtcNow());
        if (now != _alignedAt)
        {
            // Today's alignment moves on with each minute, and so do the forecasts read with it.
            _alignments.Clear();
            _forecasts.Clear();
            _today = null;
            _alignedAt = now;
        }

        if (!_forecasts.TryGetValue(minute, out var forecast))
        {
            // A `profile` answer may ask for many minutes within one: bounded all the same.
            if (_forecasts.Count >= 2 * MinutesPerDay)
            {
                _forecasts.Clear();
            }

            forecast = Compute(minute, at);
            _forecasts[minute] = forecast;
        }

        return forecast;
    }

    /// <summary>The forecasts of the <paramref name="minutes"/> minutes from <paramref name="from"/> on.</summary>
    public IReadOnlyList<DemandForecast> Upcoming(DateTimeOffset from, int minutes) =>
        [.. Enumerable.Range(0, minutes).Select(i => Predict(from + TimeSpan.FromMinutes(i)))];

    /// <summary>
    /// The forecast from the past days of the same kind (weekday or weekend day); from the same
    /// weekday instead where at least two of them showed, all alike, what the other days of the kind
    /// did not: a weekly rhythm (Monday's reports) that the days of the kind would outvote.
    /// </summary>
    private DemandForecast Compute(long minute, DateTimeOffset at)
    {
        var day = Math.DivRem(minute, MinutesPerDay, out var ofDay);
        var weekend = IsWeekend(day);
        var sameKind = FromDays(at, day, ofDay, past => IsWeekend(past) == weekend);
        var sameWeekday = FromDays(at, day, ofDay, past => (day - past) % 7 == 0);
        var weekly = sameWeekday.Forecast.Days >= 2
            && sameWeekday.Agreeing == sameWeekday.Forecast.Days
            && Math.Abs(sameWeekday.Forecast.Nodes - sameKind.Forecast.Nodes) > Tolerance(sameKind.Forecast.Nodes);
        return weekly ? sameWeekday.Forecast : sameKind.Forecast;
    }

    /// <summary>The median of the peaks around this minute on the past days that <paramref name="counts"/> (each lined up with today where it can be), and how many of them agree with it.</summary>
    private (DemandForecast Forecast, int Agreeing) FromDays(DateTimeOffset at, long day, long ofDay, Func<long, bool> counts)
    {
        var perDay = new List<int>();
        var aligned = 0;
        var today = day == _alignedAt / MinutesPerDay;
        for (var past = day - 1; past >= day - (RetentionMinutes / MinutesPerDay); past--)
        {
            if (!counts(past))
            {
                continue;
            }

            var alignment = today ? AlignmentOf(past) : null;
            var (lag, window) = alignment is { } a ? (a.Lag, AlignedWindow) : (0, Window);
            if (PeakAround((past * MinutesPerDay) + ofDay + lag, window) is { } peak)
            {
                perDay.Add(alignment is { } scaled ? (int)Math.Round(peak * scaled.Scale, MidpointRounding.AwayFromZero) : peak);
                aligned += alignment is null ? 0 : 1;
            }
        }

        if (perDay.Count == 0)
        {
            return (DemandForecast.None(at), 0);
        }

        perDay.Sort();
        var median = perDay[(perDay.Count - 1) / 2];
        var agreeing = perDay.Count(n => Math.Abs(n - median) <= Tolerance(median));

        // The share of days that agree, discounted while there are few (n / (n + 1)): one day that agrees with itself is worth half.
        var confidence = agreeing / (perDay.Count + 1.0);
        return (new DemandForecast(at, median, confidence, perDay.Count, aligned == perDay.Count), agreeing);
    }

    private static int Tolerance(int median) => Math.Max(1, (int)Math.Round(median * 0.15));

    /// <summary>How <paramref name="past"/> lines up with today's last minutes; worked out once a minute, null where it cannot be.</summary>
    private DayAlignment? AlignmentOf(long past)
    {
        if (!_alignments.TryGetValue(past, out var alignment))
        {
            // Recorded minutes only, the present one (still filling) left out: a restart finds the same.
            var from = _alignedAt - DayAlignment.Span;
            _today ??= Recorded(from, DayAlignment.Span);
            var then = from - (((_alignedAt / MinutesPerDay) - past) * MinutesPerDay);
            alignment = DayAlignment.Fit(_today, Recorded(then - DayAlignment.MaxLag, DayAlignment.Span + (2 * DayAlignment.MaxLag)));
            _alignments[past] = alignment;
        }

        return alignment;
    }

    private int?[] Recorded(long from, int count) =>
        [.. Enumerable.Range(0, count).Select(i => _minutes.TryGetValue(from + i, out var nodes) ? nodes : (int?)null)];

    private int? PeakAround(long minute, int window)
    {
        int? peak = null;
        for (var m = minute - window; m <= minute + window; m++)
        {
            if (_minutes.TryGetValue(m, out var nodes))
            {
                peak = Math.Max(peak ?? 0, nodes);
            }
        }

        return peak;
    }

    private void Prune(long keepFrom)
    {
        foreach (var old in _minutes.Keys.Where(m => m < keepFrom).ToList())
        {
            _minutes.Remove(old);
        }
    }

    private long MinuteOf(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _time.LocalTimeZone);
        return (local.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute;
    }

    // 1970-01-01, day 0, was a Thursday.
    private static bool IsWeekend(long day) => ((day + 4) % 7) is (long)DayOfWeek.Saturday or (long)DayOfWeek.Sunday;
}
