namespace PiChassis.Perf.Latency;

/// <summary>One broker's command latency next to the plain MQTT round trip on the same broker; null figures: the broker was not there.</summary>
public sealed record CommandLatencyRow(string Broker, LatencySummary? ToRelay, LatencySummary? ToResponse, LatencySummary? Plain, string? Missing = null)
{
    /// <summary>Command p99 over plain p99: what the controller adds to what MQTT costs anyway.</summary>
    public double? Ratio => ToResponse is { } command && Plain is { P99.Ticks: > 0 } plain ? command.P99 / plain.P99 : null;
}
