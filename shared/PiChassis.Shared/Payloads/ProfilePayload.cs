namespace PiChassis.Shared.Payloads;

/// <summary>
/// The energy policy's learned demand profile: whether it learns, how many minutes it holds, and
/// its forecast of the minutes ahead (what it acts on once the confidence is high enough).
/// </summary>
public sealed record ProfilePayload(bool Learning, int MinutesKept, double MinConfidence, IReadOnlyList<ForecastPayload> Forecast);
