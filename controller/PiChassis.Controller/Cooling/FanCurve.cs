using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Cooling;

/// <summary>
/// The duty for a chassis temperature, with hysteresis: the curve is read at an effective
/// temperature that follows a rise at once but a fall only once it exceeds the hysteresis (a
/// backlash). A temperature hovering at a threshold therefore moves the duty once, not back and
/// forth. Below the first point the fan is off; a running fan gets at least the minimum duty.
/// Not thread-safe: one caller (the sampling thread).
/// </summary>
public sealed class FanCurve
{
    private readonly FanCurvePoint[] _points;
    private readonly double _hysteresisC;
    private readonly double _minDutyPercent;
    private double? _effectiveC;

    public FanCurve(IReadOnlyList<FanCurvePoint> points, double hysteresisC, double minDutyPercent)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfZero(points.Count, nameof(points));
        _points = [.. points];
        _hysteresisC = hysteresisC;
        _minDutyPercent = minDutyPercent;
    }

    /// <summary>The temperature the curve is read at, after hysteresis; null before the first reading.</summary>
    public double? EffectiveC => _effectiveC;

    /// <summary>The whole-percent duty for <paramref name="temperatureC"/>, moving the hysteresis along.</summary>
    public double DutyFor(double temperatureC)
    {
        var effective = _effectiveC is { } e ? Math.Clamp(e, temperatureC, temperatureC + _hysteresisC) : temperatureC;
        _effectiveC = effective;
        return Math.Round(DutyAt(effective));
    }

    /// <summary>Forgets the hysteresis (after a stale probe the next reading counts as it is).</summary>
    public void Reset() => _effectiveC = null;

    /// <summary>The curve itself, without hysteresis or rounding.</summary>
    public double DutyAt(double temperatureC)
    {
        if (temperatureC < _points[0].TemperatureC)
        {
            return 0;
        }

        var duty = _points[^1].DutyPercent;
        for (var i = 1; i < _points.Length; i++)
        {
            var (low, high) = (_points[i - 1], _points[i]);
            if (temperatureC < high.TemperatureC)
            {
                var fraction = (temperatureC - low.TemperatureC) / (high.TemperatureC - low.TemperatureC);
                duty = low.DutyPercent + (fraction * (high.DutyPercent - low.DutyPercent));
                break;
            }
        }

        return Math.Max(duty, _minDutyPercent);
    }
}
