using PiChassis.Controller.Engine;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>A slow SSE client's queue is bounded: it is cut off, never buffered without limit, and the store's notification never waits.</summary>
public sealed class SseClientTests
{
    [Fact]
    public async Task Post_BeyondCapacity_ClosesTheQueueAfterWhatItHolds()
    {
        var client = new SseClient(capacity: 2);

        for (var seq = 1; seq <= 5; seq++)
        {
            client.Post(new ChassisEvent(seq, DateTimeOffset.UnixEpoch, EventTypes.PowerOn, 1, "test", null));
        }

        var held = new List<long>();
        await foreach (var chassisEvent in client.Reader.ReadAllAsync())
        {
            held.Add(chassisEvent.Seq);
        }

        Assert.True(client.Overflowed);
        Assert.Equal([1L, 2L], held);
    }

    [Fact]
    public void Post_WithinCapacity_NotOverflowed()
    {
        var client = new SseClient(capacity: 2);

        client.Post(new ChassisEvent(1, DateTimeOffset.UnixEpoch, EventTypes.PowerOn, 1, "test", null));

        Assert.False(client.Overflowed);
        Assert.True(client.Reader.TryRead(out _));
    }
}
