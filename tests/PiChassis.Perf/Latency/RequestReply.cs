namespace PiChassis.Perf.Latency;

/// <summary>One answered request: when it was sent and answered (<see cref="System.Diagnostics.Stopwatch"/> timestamps), and the answer.</summary>
public sealed record RequestReply(long SentAt, long ReceivedAt, byte[] Payload)
{
    public TimeSpan RoundTrip => System.Diagnostics.Stopwatch.GetElapsedTime(SentAt, ReceivedAt);
}
