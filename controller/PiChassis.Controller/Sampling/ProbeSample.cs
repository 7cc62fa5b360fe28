namespace PiChassis.Controller.Sampling;

/// <summary>One probe's temperature; null until it has read once. Stale keeps the last good value.</summary>
public sealed record ProbeSample(string Name, double? TemperatureC, bool Stale, int FailedReads, string? Error);
