namespace PiChassis.Controller.Policy;

/// <summary>
/// How a past day lines up with today: read it <see cref="Lag"/> minutes off (negative when today
/// runs late) and <see cref="Scale"/> times as heavy. Found by matching today's last
/// <see cref="Span"/> minutes against the past day at each lag up to <see cref="MaxLag"/>: the
/// least squared error once the past day is scaled to today's weight; of equal fits the smallest lag.
/// </summary>
internal readonly record struct DayAlignment(int Lag, double Scale)
{
    /// <summary>Minutes of today matched, up to the present one.</summary>
    public const int Span = 240;

    /// <summary>The most minutes a day may run early or late.</summary>
    public const int MaxLag = 15;

    /// <summary>
    /// Minutes of the span that must have asked for nodes (and be recorded on the past day): steady
    /// work whose timing drifts, as a FaaS day's. Job arrays at fixed times are busy in few minutes,
    /// and the ends of arrays that ran longer or shorter would pass for a lag.
    /// </summary>
    public const int MinMinutes = Span * 3 / 4;

    private const double MinScale = 0.5;
    private const double MaxScale = 2;

    /// <summary>
    /// The alignment of a past day to today. <paramref name="today"/> holds today's last
    /// <see cref="Span"/> minutes (null: not recorded); <paramref name="past"/> the past day's same
    /// minutes widened by <see cref="MaxLag"/> each side. Null where too little of either was busy.
    /// </summary>
    public static DayAlignment? Fit(ReadOnlySpan<int?> today, ReadOnlySpan<int?> past)
    {
        var busy = 0;
        foreach (var nodes in today)
        {
            busy += nodes > 0 ? 1 : 0;
        }

        if (busy < MinMinutes)
        {
            return null;
        }

        DayAlignment? best = null;
        var bestError = double.MaxValue;
        for (var i = 0; i <= 2 * MaxLag; i++)
        {
            // 0, -1, 1, -2, 2, …: only a strictly better fit moves further out.
            var lag = (i + 1) / 2 * (i % 2 == 0 ? 1 : -1);
            double tt = 0, tp = 0, pp = 0, busyToday = 0, busyThen = 0;
            var pairs = 0;
            for (var m = 0; m < today.Length; m++)
            {
                if (today[m] is { } t && past[m + MaxLag + lag] is { } p)
                {
                    tt += t * t;
                    tp += t * p;
                    pp += p * p;
                    pairs++;

                    // The weight from the minutes both were busy: a job that ran longer is no heavier.
                    if (t > 0 && p > 0)
                    {
                        busyToday += t;
                        busyThen += p;
                    }
                }
            }

            if (pairs < MinMinutes || busyThen == 0)
            {
                continue;
            }

            var scale = Math.Clamp(busyToday / busyThen, MinScale, MaxScale);
            var error = (tt - (2 * scale * tp) + (scale * scale * pp)) / pairs;
            if (error < bestError)
            {
                (best, bestError) = (new DayAlignment(lag, scale), error);
            }
        }

        return best;
    }
}
