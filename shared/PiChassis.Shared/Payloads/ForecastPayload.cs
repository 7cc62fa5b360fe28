namespace PiChassis.Shared.Payloads;

/// <summary>One minute of the profile's forecast: the nodes expected from that minute on, how sure, from how many past days.</summary>
public sealed record ForecastPayload(DateTimeOffset At, int Nodes, double Confidence, int Days);
