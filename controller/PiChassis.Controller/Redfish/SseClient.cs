using System.Threading.Channels;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// One SSE client's live events, bounded: the journal's notification never waits for a client. A
/// client that falls <see cref="Capacity"/> events behind is cut off (<see cref="Overflowed"/>) rather
/// than buffered without limit; it resumes with <c>Last-Event-ID</c> from the journal, losing nothing.
/// </summary>
public sealed class SseClient
{
    public const int Capacity = 256;
    private readonly Channel<ChassisEvent> _channel;

    public SseClient(int capacity = Capacity)
    {
        _channel = Channel.CreateBounded<ChassisEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>True once the queue was full when an event came: the stream must end.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<ChassisEvent> Reader => _channel.Reader;

    /// <summary>Never blocks; a full queue is closed, and what it holds is still read before the end.</summary>
    public void Post(ChassisEvent chassisEvent)
    {
        if (!_channel.Writer.TryWrite(chassisEvent) && _channel.Writer.TryComplete())
        {
            Overflowed = true;
        }
    }

    /// <summary>Ends the stream after what it holds (the service is stopping).</summary>
    public void Close() => _channel.Writer.TryComplete();
}
