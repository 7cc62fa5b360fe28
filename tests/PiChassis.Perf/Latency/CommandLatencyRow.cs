namespace PiChassis.Perf.Latency;

/// <summary>
/// One way in's command latency next to the plain round trip on the same way in (an MQTT echo on the
/// same broker; a GET of the system for Redfish); null figures: the broker was not there.
/// </summary>
public sealed record CommandLatencyRow(string Broker, LatencySummary? ToRelay, LatencySummary? ToResponse, LatencySummary? Plain, string? Missing = null,
    string PlainName = CommandLatencyRow.PlainMqtt)
{
    public const string PlainMqtt = "plain MQTT round trip";

    /// <summary>Command p99 over plain p99: what the controller adds to what the way in costs anyway.</summary>
    public double? Ratio => ToResponse is { } command && Plain is { P99.Ticks: > 0 } plain ? command.P99 / plain.P99 : null;
}
