using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Policy;

public sealed partial class CapacityPolicy
{
    /// <summary>Why the policy acted on a forecast: nodes on ahead of a predicted rise, or kept through a predicted short gap.</summary>
    public const string PrewarmReason = "prewarm";

    public const string KeepReason = "keep";

    private string? _lastForecastReason;

    /// <summary>The learned demand profile; null when the policy does not learn (<c>Policy:Learn</c>).</summary>
    public DemandProfile? Profile => _profile;

    /// <summary>The confidence from which the policy acts on a forecast.</summary>
    public double ForecastConfidence => _options.ForecastConfidence;

    /// <summary>The profile's forecast of each of the next <paramref name="minutes"/> minutes, from the start of this one; empty when the policy does not learn.</summary>
    public IReadOnlyList<DemandForecast> Forecast(int minutes)
    {
        var now = _time.GetUtcNow();
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        return _profile?.Upcoming(minute, minutes) ?? [];
    }

    /// <summary>What the confident forecasts of the next minutes ask for; nothing without a profile or confidence.</summary>
    private ExpectedDemand Expected(DateTimeOffset utcNow)
    {
        if (_profile is null)
        {
            return ExpectedDemand.Nothing;
        }

        var prewarm = Confident(_profile.Predict(utcNow + _options.PrewarmLead));
        int ahead = prewarm?.Nodes ?? 0;
        var settled = prewarm is not null;
        var aligned = prewarm is { Aligned: true };
        for (var at = utcNow; at <= utcNow + _options.KeepAhead; at += TimeSpan.FromMinutes(1))
        {
            if (Confident(_profile.Predict(at)) is { } forecast)
            {
                ahead = Math.Max(ahead, forecast.Nodes);
                aligned &= forecast.Aligned;
            }
            else
            {
                settled = false;
            }
        }

        return new ExpectedDemand(prewarm?.Nodes ?? 0, ahead, settled, settled && aligned, prewarm);
    }

    private DemandForecast? Confident(DemandForecast forecast) => forecast.Confidence >= _options.ForecastConfidence ? forecast : null;

    /// <summary>
    /// Raises <c>capacity_forecast</c> when the policy starts acting on a forecast for another reason
    /// (not every second it keeps doing so), so what a prediction did can be told from what was asked.
    /// </summary>
    private void ForecastActed(string? reason, ExpectedDemand expected, List<int> slots)
    {
        if (reason is null || (reason == _lastForecastReason && slots.Count == 0))
        {
            _lastForecastReason = reason;
            return;
        }

        _lastForecastReason = reason;
        _events.Append(EventTypes.CapacityForecast, null, Source, new JsonObject
        {
            ["reason"] = reason,
            ["predicted"] = reason == PrewarmReason ? expected.Prewarm : expected.Ahead,
            ["confidence"] = Math.Round(expected.Basis?.Confidence ?? 0, 2),
            ["days"] = expected.Basis?.Days ?? 0,
            ["slots"] = new JsonArray([.. slots.Select(s => JsonValue.Create(s))]),
        });
        LogForecastActed(reason, expected.Prewarm, expected.Ahead, slots.Count);
    }
}
